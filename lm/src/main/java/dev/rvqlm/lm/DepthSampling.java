package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.SplittableRandom;

/**
 * The {@link Sampler}'s generation loop for a depth model ({@link LmFamily.Depth}): for each sequence step, one
 * temporal step gives h_s (with a key/value cache over the steps fed so far, or recomputed over the whole prefix),
 * then the {@link DepthTransformer} runs K short steps that fill the step's cells in codebook order. Everything
 * else (prompt, pattern layout, revert, sliding window) is the Sampler's.
 */
final class DepthSampling {

    private DepthSampling() {}

    /**
     * Fills steps {@code start..steps-1} of {@code seq} ([B][K][S]; {@link Sampler#UNKNOWN} marks cells to sample;
     * steps before {@code start} are all known).
     */
    static void fill(LmModel model, int[][][] seq, int start, int steps, SampleConfig config, SplittableRandom random) {
        DepthTransformer depth = model.depth();
        int batch = seq.length;
        boolean cached = config.decoding() == SampleConfig.Decoding.CACHED;
        try (NDManager caches = model.manager().newSubManager()) {
            KvCache temporal = cached ? model.cache(caches, batch, Math.max(1, steps - 1)) : null;
            KvCache inner = cached
                    ? new KvCache(caches, depth.stack(), batch, model.config().codebooks())
                    : null;
            int fed = 0;
            for (int offset = start; offset < steps; offset++) {
                try (NDManager step = caches.newSubManager()) {
                    int from = cached ? fed : 0;
                    NDArray idx = model.indices(step, Sampler.slice(seq, from, offset));
                    NDArray h = model.hidden(idx, from, temporal, false); // [B, offset-from, D]
                    int n = offset - from;
                    if (n > 1) {
                        h = h.get(new NDIndex().addAllDim().addSliceDim(n - 1, n));
                    }
                    depth.sampleStep(h, seq, offset, Sampler.UNKNOWN, inner, config, random);
                    fed = offset;
                }
            }
        }
    }
}
