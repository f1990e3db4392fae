package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Incremental decoding of an {@link LmModel} with a preallocated key/value cache ([B, H, maxSteps, D/H] per layer
 * for keys and for values): each {@link #step} feeds the next steps of every sequence and returns the last one's
 * logits.
 *
 * <pre>{@code
 * try (CachedDecoder decoder = model.decoder(2, 100)) {
 *     float[] next = decoder.step(prefix);   // prefix [B][K][P]; next: [B][K][N] logits for step P
 *     next = decoder.step(oneStep);          // [B][K][1]
 * }
 * }</pre>
 */
public final class CachedDecoder implements StepDecoder {
    private final LmModel model;
    private final NDManager manager;
    private final KvCache cache;
    private final int batch;
    private int position;

    CachedDecoder(LmModel model, TransformerStack stack, int batch, int maxSteps) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        int max = model.config().maxSequenceSteps();
        if (maxSteps < 1 || maxSteps > max) {
            throw new IllegalArgumentException(
                    "the decoder needs " + maxSteps + " steps but the model takes at most maxSequenceSteps=" + max);
        }
        this.model = model;
        this.batch = batch;
        this.manager = model.manager().newSubManager();
        this.cache = new KvCache(manager, stack, batch, maxSteps);
    }

    /** Steps fed so far. */
    public int position() {
        return position;
    }

    /** The most steps this decoder holds. */
    public int capacity() {
        return cache.capacity();
    }

    /**
     * Feeds steps [B][K][n] (values in [0, N]) and returns the logits for the step after them, [B][K][N] flat.
     *
     * @throws IllegalArgumentException when B or K differs, or the cache would overflow
     */
    public float[] step(int[][][] steps) {
        if (steps.length != batch) {
            throw new IllegalArgumentException("the decoder was opened for B=" + batch + ", got " + steps.length);
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray idx = model.indices(step, steps);
            int n = (int) idx.getShape().get(2);
            if (n == 0) {
                throw new IllegalArgumentException("feed at least one step");
            }
            if (position + n > cache.capacity()) {
                throw new IllegalArgumentException("the decoder holds " + cache.capacity() + " steps; feeding " + n
                        + " more at step " + position + " overflows it");
            }
            NDArray h;
            if (n == 1) {
                h = model.hiddenOne(idx, position, cache); // [B,D]
            } else {
                h = model.hidden(idx, position, cache, false) // [B,n,D]
                        .get(new NDIndex().addAllDim().addSliceDim(n - 1, n));
            }
            float[] logits = model.heads(h).toFloatArray(); // [B,K·N] or [B,1,K·N]: the same floats
            position += n;
            return logits;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
