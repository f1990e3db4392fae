package dev.rvqlm.lm;

import java.util.SplittableRandom;

/**
 * The {@link Sampler}'s generation loop for a depth model ({@link LmFamily.Depth}): for each sequence step, one
 * temporal step gives h_s, then the depth transformer runs K short steps that fill the step's cells in codebook
 * order, each sampled from its logits and fed to the next. The {@link DepthDecoder} runs the model (Java engine, or
 * DJL cached or recomputing); everything else (prompt, pattern layout, revert, sliding window) is the Sampler's.
 */
final class DepthSampling {

    private DepthSampling() {}

    /**
     * Fills steps {@code start..steps-1} of {@code seq} ([B][K][S]; {@link Sampler#UNKNOWN} marks cells to sample;
     * steps before {@code start} are all known): code k of every sequence (codebook-major, batch-minor, one draw per
     * cell), then the cell's final value (the sampled code, or the prompt's code or special token already there) is
     * fed to position k + 1.
     */
    static void fill(
            DepthDecoder decoder, int[][][] seq, int start, int steps, SampleConfig config, SplittableRandom random) {
        int batch = seq.length;
        int k = seq[0].length;
        for (int offset = start; offset < steps; offset++) {
            decoder.advance(seq, offset);
            int[] previous = null;
            for (int q = 0; q < k; q++) {
                float[] logits = decoder.codeLogits(q, previous);
                int n = logits.length / batch;
                previous = new int[batch];
                for (int b = 0; b < batch; b++) {
                    int code = TokenFilter.sample(logits, b * n, n, config, random);
                    if (seq[b][q][offset] == Sampler.UNKNOWN) {
                        seq[b][q][offset] = code;
                    }
                    previous[b] = seq[b][q][offset];
                }
            }
        }
    }
}
