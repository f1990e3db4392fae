package dev.rvqlm.lm;

/**
 * Cached decoding of an interleaved model as the {@link Sampler} drives it, whichever engine runs it: each
 * {@link #step} feeds the next steps of B sequences and returns the logits of the step after them.
 */
interface StepDecoder extends AutoCloseable {

    /** Feeds steps [B][K][n] (values in [0, N]) and returns the logits of the step after them, [B][K·N] flat. */
    float[] step(int[][][] steps);

    @Override
    void close();
}
