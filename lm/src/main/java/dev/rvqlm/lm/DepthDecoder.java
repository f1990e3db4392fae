package dev.rvqlm.lm;

/**
 * Decoding of a depth model as {@link DepthSampling} drives it, whichever engine runs it: {@link #advance} runs the
 * temporal transformer up to a sequence step, then {@link #codeLogits} runs the depth transformer's K positions
 * one after another, each given the codes chosen at the position before.
 */
interface DepthDecoder extends AutoCloseable {

    /**
     * Makes steps {@code 0…offset−1} of {@code seq} ([B][K][S], all known) the temporal context (a cached decoder
     * feeds only those it has not seen) and starts the depth steps that predict step {@code offset}.
     */
    void advance(int[][][] seq, int offset);

    /**
     * Logits [B][N] of cell q of the step being predicted (q = 0, 1, … in order after {@link #advance}), given
     * {@code previous}[b], the final value of cell q−1 of each sequence (ignored at q = 0).
     */
    float[] codeLogits(int q, int[] previous);

    @Override
    void close();
}
