package dev.rvqlm.lm.fast;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The Java engine's copy of a depth model's depth transformer (the DJL model's {@code DepthTransformer}): input
 * projection, K positions, K−1 code tables, L' blocks, final LayerNorm and K heads. Its input at position k is
 * {@code W_in·h_s + pos_k + Emb'_{k−1}(code k−1)}.
 */
final class FastDepth {

    private static final String PREFIX = "depth.";

    private final SequenceDims sequence;
    private final int temporalDim;
    private final Linear input; // D → D'
    private final float[] positions; // [K][D']
    private final float[] embedding; // [(K−1)·V][D'], null when K = 1
    private final Blocks blocks;
    private final float[] normWeight;
    private final float[] normBias;
    private final Linear[] heads; // K × (D' → N)

    FastDepth(SequenceDims sequence, int temporalDim, StackDims dims, Function<String, float[]> tensors) {
        this.sequence = sequence;
        this.temporalDim = temporalDim;
        int d = dims.dim();
        int k = sequence.codebooks();
        int n = sequence.codebookSize();
        input = new Linear(Blocks.sized(tensors, PREFIX + "in", d * temporalDim), temporalDim, d);
        positions = Blocks.sized(tensors, PREFIX + "pos", k * d);
        embedding = k > 1 ? Blocks.sized(tensors, PREFIX + "emb", (k - 1) * sequence.vocabulary() * d) : null;
        blocks = new Blocks(dims, PREFIX + "layers.", tensors);
        normWeight = Blocks.sized(tensors, PREFIX + "ln.weight", d);
        normBias = Blocks.sized(tensors, PREFIX + "ln.bias", d);
        float[] all = Blocks.sized(tensors, PREFIX + "heads", k * d * n); // [K][D'][N]: head q input-major
        heads = new Linear[k];
        for (int q = 0; q < k; q++) {
            heads[q] = new Linear(Kernels.transpose(Arrays.copyOfRange(all, q * d * n, (q + 1) * d * n), d, n), d, n);
        }
    }

    SequenceDims sequence() {
        return sequence;
    }

    Blocks blocks() {
        return blocks;
    }

    /** context [B][D'] = h [B][D] · W_inᵀ. */
    void context(float[] hidden, int batch, float[] context, Workers workers) {
        input.apply(hidden, context, batch, workers);
    }

    /**
     * The input at position q, x [B][D'] = context + pos_q (+ Emb'_{q−1}(previous[b]) for q ≥ 1), as the DJL model
     * adds them.
     */
    void input(float[] context, int q, int[] previous, int batch, float[] x) {
        int d = blocks.dims().dim();
        System.arraycopy(context, 0, x, 0, batch * d);
        for (int b = 0; b < batch; b++) {
            Kernels.axpy(1f, positions, q * d, x, b * d, d);
            if (q > 0) {
                if (previous[b] < 0 || previous[b] > sequence.codebookSize()) {
                    throw new IllegalArgumentException("code " + previous[b] + " is outside [0, N="
                            + sequence.codebookSize() + "] (N is the special token)");
                }
                int row = previous[b] + (q - 1) * sequence.vocabulary();
                Kernels.axpy(1f, embedding, row * d, x, b * d, d);
            }
        }
    }

    /** Logits [B][N] of head q on the final LayerNorm of x [B][D']. */
    void logits(float[] x, int q, int batch, float[] normed, float[] logits, Workers workers) {
        int d = blocks.dims().dim();
        for (int b = 0; b < batch; b++) {
            Kernels.layerNorm(x, b * d, d, normWeight, normBias, normed, b * d);
        }
        heads[q].apply(normed, logits, batch, workers);
    }
}
