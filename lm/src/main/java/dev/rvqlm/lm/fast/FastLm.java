package dev.rvqlm.lm.fast;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The Java engine's copy of a trained LM: the weights copied once into primitive arrays, for batch-1 and small-batch cached decoding without any engine call, as llama2.c and
 * llama3.java run a small model on a CPU. Training and the reference decoding stay with the DJL model; this copy
 * must be made again after the weights change.
 *
 * <pre>{@code
 * FastLm lm = FastLm.copy(new SequenceDims(4, 1024, 1024), new StackDims(6, 256, 8, 1024), null, tensors);
 * try (Workers workers = new Workers(2); FastDecoder decoder = lm.decoder(1, 500, workers)) {
 *     float[] logits = decoder.step(prefix);        // [B][K][n] in, [B][K·N] logits of the next step out
 * }
 * }</pre>
 *
 * <p>Tensors are looked up by the DJL model's parameter names ({@code emb}, {@code layers.l.*}, {@code ln_f.*},
 * {@code heads}, {@code depth.*}) in PyTorch's layout ([out][in] for linear weights).
 */
public final class FastLm {

    private final SequenceDims sequence;
    private final float[] embedding; // [K·V][D]
    private final float[] positions; // [maxSteps][D]
    private final Blocks blocks;
    private final float[] normWeight;
    private final float[] normBias;
    private final Linear heads; // D → K·N, null for a depth model
    private final FastDepth depth; // null for an interleaved model

    private FastLm(SequenceDims sequence, StackDims temporal, StackDims depthDims, Function<String, float[]> tensors) {
        this.sequence = sequence;
        int d = temporal.dim();
        int k = sequence.codebooks();
        int n = sequence.codebookSize();
        embedding = Blocks.sized(tensors, "emb", k * sequence.vocabulary() * d);
        positions = Sinusoids.table(sequence.maxSteps(), d);
        blocks = new Blocks(temporal, "layers.", tensors);
        normWeight = Blocks.sized(tensors, "ln_f.weight", d);
        normBias = Blocks.sized(tensors, "ln_f.bias", d);
        if (depthDims == null) {
            heads = new Linear(Blocks.sized(tensors, "heads", k * n * d), d, k * n);
            depth = null;
        } else {
            heads = null;
            depth = new FastDepth(sequence, d, depthDims, tensors);
        }
    }

    /**
     * Copies a model's weights.
     *
     * @param depth the depth transformer's shape for a depth model, null for K heads
     * @throws IllegalArgumentException when a tensor is missing or has the wrong size
     */
    public static FastLm copy(
            SequenceDims sequence, StackDims temporal, StackDims depth, Function<String, float[]> tensors) {
        return new FastLm(sequence, temporal, depth, tensors);
    }

    /** Opens a cached decoder for B sequences of at most {@code capacity} steps, run on {@code workers}. */
    public FastDecoder decoder(int batch, int capacity, Workers workers) {
        return new FastDecoder(this, batch, capacity, workers);
    }

    /** The depth transformer's stepping for B sequences (K positions); only for a depth model. */
    public FastDepthSteps depthSteps(int batch, Workers workers) {
        if (depth == null) {
            throw new IllegalStateException("an interleaved model has no depth transformer");
        }
        return new FastDepthSteps(depth, batch, workers);
    }

    SequenceDims sequence() {
        return sequence;
    }

    Blocks blocks() {
        return blocks;
    }

    boolean hasDepth() {
        return depth != null;
    }

    /** x [D] = Σ_k Emb_k(code_k) + pos(position), for the K codes of one step (rows {@code code + k·V}). */
    void embed(int[] codes, int position, float[] x, int off) {
        int d = blocks.dims().dim();
        Arrays.fill(x, off, off + d, 0f);
        for (int k = 0; k < codes.length; k++) { // summed first, then the position, as the DJL model adds them
            Kernels.axpy(1f, embedding, (codes[k] + k * sequence.vocabulary()) * d, x, off, d);
        }
        Kernels.axpy(1f, positions, position * d, x, off, d);
    }

    /** The final LayerNorm of B rows of x [B][D] into out. */
    void finalNorm(float[] x, int batch, float[] out) {
        int d = blocks.dims().dim();
        for (int b = 0; b < batch; b++) {
            Kernels.layerNorm(x, b * d, d, normWeight, normBias, out, b * d);
        }
    }

    /** Logits [B][K·N] of normed hidden states [B][D]. */
    void heads(float[] normed, int batch, float[] logits, Workers workers) {
        heads.apply(normed, logits, batch, workers);
    }
}
