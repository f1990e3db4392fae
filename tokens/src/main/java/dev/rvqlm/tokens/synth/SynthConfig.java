package dev.rvqlm.tokens.synth;

/**
 * A synthetic token directory: which source, and how much of it.
 *
 * @param source    the source's shape and seed
 * @param files     token files, at least 2 (eval holds some out)
 * @param frames    T of each file, at least 2
 * @param frameRate frames per second written into the manifest (for bits per second), > 0
 */
public record SynthConfig(SynthSourceConfig source, int files, int frames, double frameRate) {

    /** Frames drawn and discarded before each file, so its first frame is close to stationary. */
    static final int BURN_IN = 200;

    public SynthConfig {
        if (source == null) {
            throw new IllegalArgumentException("the source must be given");
        }
        if (files < 2) {
            throw new IllegalArgumentException("files must be at least 2, got " + files);
        }
        if (frames < 2) {
            throw new IllegalArgumentException("frames per file must be at least 2, got " + frames);
        }
        if (!(frameRate > 0)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
    }

    /**
     * The default source for a seed, 600 files of 500 frames at 50 frames/s (300 000 frames, 100 min). Fewer do not
     * calibrate: each of the source's conditional tables has N² = 256 rows, and on the 15 000 training frames of the
     * former 40 files even a count estimator that knows which codes each stream depends on ends 3.7% above the exact
     * entropy (seed 3; 0.7% with the 450 training files of 600), while every pattern's LM memorised its training files
     * long before it learnt the tables (docs/RESULTS.md).
     */
    public static SynthConfig defaults(long seed) {
        return new SynthConfig(SynthSourceConfig.defaults(seed), 600, 500, 50.0);
    }

    /** The same corpus drawn from {@code source}. */
    public SynthConfig withSource(SynthSourceConfig source) {
        return new SynthConfig(source, files, frames, frameRate);
    }
}
