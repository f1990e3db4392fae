package dev.rvqlm.lm.fast;

/**
 * The depth transformer's K steps for one sequence step of B sequences, with a key/value cache of K positions:
 * {@link #start} with the temporal state, then {@link #logits} for q = 0…K−1, each given the code chosen at q−1.
 *
 * <pre>{@code
 * FastDepthSteps depth = lm.depthSteps(batch, workers);
 * depth.start(decoder.hidden(step));                 // [B][D] after the temporal transformer's final norm
 * float[] logits = depth.logits(0, null);            // [B][N] of code 0
 * logits = depth.logits(1, codes0);                  // code 1 given each sequence's code 0, and so on
 * }</pre>
 */
public final class FastDepthSteps {

    private final FastDepth depth;
    private final int batch;
    private final KvStore cache;
    private final Blocks.Scratch scratch;
    private final Workers workers;
    private final float[] context; // [B][D']
    private final float[] x; // [B][D']
    private final float[] normed; // [B][D']
    private int next;

    FastDepthSteps(FastDepth depth, int batch, Workers workers) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.depth = depth;
        this.batch = batch;
        StackDims dims = depth.blocks().dims();
        int k = depth.sequence().codebooks();
        cache = new KvStore(dims, batch, k);
        scratch = new Blocks.Scratch(dims, batch, k, workers.parts());
        this.workers = workers;
        context = new float[batch * dims.dim()];
        x = new float[batch * dims.dim()];
        normed = new float[batch * dims.dim()];
        next = k;
    }

    /** Starts a step from the temporal transformer's final hidden state [B][D]. */
    public void start(float[] hidden) {
        depth.context(hidden, batch, context, workers);
        next = 0;
    }

    /**
     * Logits [B][N] of code q (q = 0, 1, … in order after {@link #start}), given {@code previous}[b], the code of
     * cell q−1 of each sequence (the special token N where the pattern leaves it empty; ignored at q = 0).
     */
    public float[] logits(int q, int[] previous) {
        if (q != next) {
            throw new IllegalStateException("depth step " + q + " asked for, expected " + next + " (call start first)");
        }
        if (q > 0 && (previous == null || previous.length != batch)) {
            throw new IllegalArgumentException("depth step " + q + " needs one previous code per sequence");
        }
        depth.input(context, q, previous, batch, x);
        depth.blocks().step(x, new Rows(batch, 1, q), cache, scratch, workers);
        float[] logits = new float[batch * depth.sequence().codebookSize()];
        depth.logits(x, q, batch, normed, logits, workers);
        next++;
        return logits;
    }
}
