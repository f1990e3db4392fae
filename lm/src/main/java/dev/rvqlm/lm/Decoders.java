package dev.rvqlm.lm;

import dev.rvqlm.lm.fast.FastDecoder;
import dev.rvqlm.lm.fast.FastLm;
import dev.rvqlm.lm.fast.Workers;

/**
 * Opens the decoders of one generation on the engine its {@link SampleConfig} chose: the DJL model's own, or the
 * Java engine's ({@link SampleConfig.Engine#JAVA}, cached decoding only), whose copy of the weights is made once
 * here and shared by every window of the generation. (Not final: the parity tests put a decoder that runs both
 * engines and compares their logits in its place.)
 */
class Decoders implements AutoCloseable {

    private final LmModel model;
    private final SampleConfig config;
    private final boolean java;
    private FastLm fast; // made at the first decoder
    private Workers workers; // started with it

    Decoders(LmModel model, SampleConfig config) {
        this.model = model;
        this.config = config;
        java = config.engine() == SampleConfig.Engine.JAVA && config.decoding() == SampleConfig.Decoding.CACHED;
    }

    LmModel model() {
        return model;
    }

    SampleConfig config() {
        return config;
    }

    /** A cached decoder of an interleaved model for B sequences of at most {@code capacity} steps. */
    StepDecoder cached(int batch, int capacity) {
        if (!java) {
            return model.decoder(batch, capacity);
        }
        FastDecoder decoder = fast().decoder(batch, capacity, workers);
        return new StepDecoder() {
            @Override
            public float[] step(int[][][] steps) {
                return decoder.step(steps);
            }

            @Override
            public void close() {
                decoder.close();
            }
        };
    }

    /** A depth model's decoder for B sequences of at most {@code capacity} steps (cached, or recomputing on DJL). */
    DepthDecoder depth(int batch, int capacity) {
        if (java) {
            return new FastDepthDecoder(fast(), batch, capacity, workers);
        }
        return new DjlDepthDecoder(model, batch, capacity, config.decoding() == SampleConfig.Decoding.CACHED);
    }

    /** The Java engine's copy of the weights, made once, and its threads. */
    private FastLm fast() {
        if (fast == null) {
            fast = FastCopy.of(model);
            workers = new Workers(EngineThreads.get());
        }
        return fast;
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }
}
