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

    /** The default source for a seed, 40 files of 500 frames at 50 frames/s (20 000 frames, 400 s). */
    public static SynthConfig defaults(long seed) {
        return new SynthConfig(SynthSourceConfig.defaults(seed), 40, 500, 50.0);
    }
}
