package dev.rvqlm.lm;

/**
 * Decoders that run every step on both engines, keep the largest difference between their logits, and hand the
 * Sampler the DJL model's: a generation through them follows the reference path while the Java engine is checked at
 * every step, windows and prompts included.
 */
final class ComparingDecoders extends Decoders {

    private final Decoders java;
    private final Decoders djl;
    private double maxDifference;

    @Override
    public void close() {
        java.close();
        djl.close();
    }

    private long comparisons;

    ComparingDecoders(LmModel model, SampleConfig config) {
        super(model, config.withEngine(SampleConfig.Engine.DJL));
        java = new Decoders(model, config.withEngine(SampleConfig.Engine.JAVA));
        djl = new Decoders(model, config.withEngine(SampleConfig.Engine.DJL));
    }

    /** The largest |logit_java − logit_djl| seen so far. */
    double maxDifference() {
        return maxDifference;
    }

    /** Logit vectors compared so far (one per step, or per depth position). */
    long comparisons() {
        return comparisons;
    }

    private float[] compare(float[] fast, float[] reference) {
        if (fast.length != reference.length) {
            throw new AssertionError(
                    "the engines' logits differ in length: " + fast.length + " and " + reference.length);
        }
        for (int i = 0; i < fast.length; i++) {
            maxDifference = Math.max(maxDifference, Math.abs(fast[i] - reference[i]));
        }
        comparisons++;
        return reference;
    }

    @Override
    StepDecoder cached(int batch, int capacity) {
        StepDecoder a = java.cached(batch, capacity);
        StepDecoder b = djl.cached(batch, capacity);
        return new StepDecoder() {
            @Override
            public float[] step(int[][][] steps) {
                return compare(a.step(steps), b.step(steps));
            }

            @Override
            public void close() {
                a.close();
                b.close();
            }
        };
    }

    @Override
    DepthDecoder depth(int batch, int capacity) {
        DepthDecoder a = java.depth(batch, capacity);
        DepthDecoder b = djl.depth(batch, capacity);
        return new DepthDecoder() {
            @Override
            public void advance(int[][][] seq, int offset) {
                a.advance(seq, offset);
                b.advance(seq, offset);
            }

            @Override
            public float[] codeLogits(int q, int[] previous) {
                return compare(a.codeLogits(q, previous), b.codeLogits(q, previous));
            }

            @Override
            public void close() {
                a.close();
                b.close();
            }
        };
    }
}
