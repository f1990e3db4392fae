package dev.rvqlm.lm;

/**
 * How the {@link Sampler} picks each code (AudioCraft's {@code _sample_next_token}): logits divided by the
 * temperature, softmax, then top-p if {@code topP > 0} (it takes precedence), else top-k if {@code topK > 0}, else the
 * full distribution; temperature 0 is greedy (argmax).
 *
 * <pre>{@code
 * SampleConfig config = SampleConfig.topK(SampleConfig.DEFAULT_TOP_K); // temperature 1, top-k 250 as MusicGen
 * SampleConfig nucleus = new SampleConfig(0.9, 0, 0.95, SampleConfig.Decoding.CACHED);
 * }</pre>
 *
 * @param temperature ≥ 0 (0: greedy)
 * @param topK        keep the k most likely codes and any tied with the k-th (0: off)
 * @param topP        keep the smallest set of most likely codes whose mass before each reaches p (0: off), in [0, 1]
 * @param decoding    with a key/value cache (default) or by recomputing the whole prefix at each step
 */
public record SampleConfig(double temperature, int topK, double topP, Decoding decoding) {

    /** How the model is run for each step. */
    public enum Decoding {
        /** Preallocated key/value cache: each step feeds only the new step. */
        CACHED,
        /**
         * The whole prefix through the whole model (all heads at every position) at every step: slow, the
         * reference the cache is tested and benchmarked against.
         */
        RECOMPUTE
    }

    /** MusicGen's top-k, the default of {@code rvq sample}, {@code rvq eval} and the benchmark. */
    public static final int DEFAULT_TOP_K = 250;

    public SampleConfig {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and at least 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be at least 0, got " + topK);
        }
        if (!(topP >= 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in [0, 1], got " + topP);
        }
        if (decoding == null) {
            throw new IllegalArgumentException("decoding must be given");
        }
    }

    /** Temperature 1, top-k, cached. */
    public static SampleConfig topK(int k) {
        return new SampleConfig(1.0, k, 0.0, Decoding.CACHED);
    }

    /** Temperature 0: always the most likely code. */
    public static SampleConfig greedy() {
        return new SampleConfig(0.0, 0, 0.0, Decoding.CACHED);
    }

    public SampleConfig withDecoding(Decoding d) {
        return new SampleConfig(temperature, topK, topP, d);
    }
}
