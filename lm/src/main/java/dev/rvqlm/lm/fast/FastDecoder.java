package dev.rvqlm.lm.fast;

/**
 * Cached decoding of a {@link FastLm}, one step at a time, with the contract of the DJL model's
 * {@code CachedDecoder}: {@link #step} feeds the next steps of B sequences and returns the logits of the step after
 * them; a depth model's {@link #hidden} returns the final hidden state instead.
 */
public final class FastDecoder implements AutoCloseable {

    /**
     * The most steps of each sequence one pass takes: a prompt goes through in passes of this many steps, each
     * weight read once per pass rather than once per step (the same arithmetic as step by step; the vector lane sums may round differently, within 1e-5).
     */
    static final int CHUNK = 32;

    private final FastLm model;
    private final int batch;
    private final KvStore cache;
    private final Blocks.Scratch scratch;
    private final Workers workers;
    private final float[] x; // [B][D], the residual stream
    private final int[] cells; // one step's K codes
    private int position;

    FastDecoder(FastLm model, int batch, int capacity, Workers workers) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        int max = model.sequence().maxSteps();
        if (capacity < 1 || capacity > max) {
            throw new IllegalArgumentException(
                    "the decoder needs " + capacity + " steps but the model takes at most maxSequenceSteps=" + max);
        }
        StackDims dims = model.blocks().dims();
        this.model = model;
        this.batch = batch;
        cache = new KvStore(dims, batch, capacity);
        scratch = new Blocks.Scratch(dims, batch * CHUNK, capacity, workers.parts());
        this.workers = workers;
        x = new float[batch * CHUNK * dims.dim()];
        cells = new int[model.sequence().codebooks()];
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
     * Feeds steps [B][K][n] (values in [0, N]) and returns the logits of the step after them, [B][K·N] (an
     * interleaved model).
     *
     * @throws IllegalArgumentException when B or K differs, a value is out of range, or the cache would overflow
     */
    public float[] step(int[][][] steps) {
        if (model.hasDepth()) {
            throw new IllegalStateException("a depth model predicts a step's codes with its depth transformer");
        }
        float[] normed = hidden(steps);
        SequenceDims seq = model.sequence();
        float[] logits = new float[batch * seq.codebooks() * seq.codebookSize()];
        model.heads(normed, batch, logits, workers);
        return logits;
    }

    /** Feeds steps [B][K][n] as {@link #step} does and returns the final hidden state of the last one, [B][D]. */
    public float[] hidden(int[][][] steps) {
        int n = check(steps);
        int d = model.blocks().dims().dim();
        int chunk = 0;
        for (int from = 0; from < n; from += chunk) {
            chunk = Math.min(CHUNK, n - from);
            for (int b = 0; b < batch; b++) { // row b·chunk + j: sequence b, step from + j
                for (int j = 0; j < chunk; j++) {
                    for (int k = 0; k < cells.length; k++) {
                        cells[k] = steps[b][k][from + j];
                    }
                    model.embed(cells, position + j, x, (b * chunk + j) * d);
                }
            }
            model.blocks().step(x, new Rows(batch, chunk, position), cache, scratch, workers);
            position += chunk;
        }
        float[] last = new float[batch * d]; // each sequence's last row
        for (int b = 0; b < batch; b++) {
            System.arraycopy(x, (b * chunk + chunk - 1) * d, last, b * d, d);
        }
        float[] normed = new float[batch * d];
        model.finalNorm(last, batch, normed);
        return normed;
    }

    /** The number of steps in {@code steps}, after checking its shape, its values and the room left. */
    private int check(int[][][] steps) {
        if (steps.length != batch) {
            throw new IllegalArgumentException("the decoder was opened for B=" + batch + ", got " + steps.length);
        }
        SequenceDims seq = model.sequence();
        int n = steps[0].length == 0 ? 0 : steps[0][0].length;
        if (n == 0) {
            throw new IllegalArgumentException("feed at least one step");
        }
        for (int[][] one : steps) {
            if (one.length != seq.codebooks()) {
                throw new IllegalArgumentException(
                        "sequence has K=" + one.length + " codebooks but the model has K=" + seq.codebooks());
            }
            for (int[] row : one) {
                if (row.length != n) {
                    throw new IllegalArgumentException("sequence rows differ in length: " + n + " and " + row.length);
                }
                for (int v : row) {
                    if (v < 0 || v > seq.codebookSize()) {
                        throw new IllegalArgumentException(
                                "code " + v + " is outside [0, N=" + seq.codebookSize() + "] (N is the special token)");
                    }
                }
            }
        }
        if (position + n > cache.capacity()) {
            throw new IllegalArgumentException("the decoder holds " + cache.capacity() + " steps; feeding " + n
                    + " more at step " + position + " overflows it");
        }
        return n;
    }

    @Override
    public void close() {
        // plain arrays: nothing to free (the workers belong to whoever opened the decoder)
    }
}
