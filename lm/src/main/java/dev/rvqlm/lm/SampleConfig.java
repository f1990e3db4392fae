package dev.rvqlm.lm;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param engine      what runs a cached step: the Java engine (default) or the DJL model; null means the default,
 *                    which the JSON form leaves out (eval's run fingerprints do not change with it)
 */
public record SampleConfig(
        double temperature,
        int topK,
        double topP,
        Decoding decoding,

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OmitDefaultEngine.class)
        Engine engine) {

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

    /**
     * What runs a cached decoding step. Both give the same logits within 1e-4 and, with the same seed, the same
     * codes (the parity tests check it over 1000 steps); recomputing the prefix always runs the DJL model.
     */
    public enum Engine {
        /**
         * The weights copied into Java arrays, each step in plain Java loops ({@code dev.rvqlm.lm.fast}): no engine
         * call per operation, which dominates a batch-1 step in DJL.
         */
        JAVA,
        /** The DJL model's own cached step: the reference. */
        DJL;

        /**
         * The engine called {@code name} ({@code java} or {@code djl}, any case).
         *
         * @throws IllegalArgumentException naming the unknown name
         */
        public static Engine parse(String name) {
            for (Engine e : values()) {
                if (e.name().equalsIgnoreCase(name.trim())) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown engine '" + name + "' (java or djl)");
        }
    }

    /** The default engine: the faster of the two that passes parity (measured by {@code rvq bench lm}). */
    public static final Engine DEFAULT_ENGINE = Engine.JAVA;

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
        engine = engine == null ? DEFAULT_ENGINE : engine;
    }

    /** The default engine. */
    public SampleConfig(double temperature, int topK, double topP, Decoding decoding) {
        this(temperature, topK, topP, decoding, DEFAULT_ENGINE);
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
        return new SampleConfig(temperature, topK, topP, d, engine);
    }

    public SampleConfig withEngine(Engine e) {
        return new SampleConfig(temperature, topK, topP, decoding, e);
    }

    /** Jackson's filter that leaves the default engine out of the JSON form. */
    static final class OmitDefaultEngine {
        @Override
        public boolean equals(Object value) {
            return value == null || value == DEFAULT_ENGINE;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
