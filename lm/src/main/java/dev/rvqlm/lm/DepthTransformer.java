package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.SplittableRandom;

/**
 * The depth part of an {@link LmFamily.Depth} model (RQ-Transformer, UniAudio, Moshi's depformer): a small causal
 * transformer over the K cells of one sequence step. Given the temporal state h_s [D] at step s, its input at
 * position k is
 *
 * <pre>
 *   x_k = W_in·h_s + pos_k + Emb'_{k−1}(c_{k−1})     (no code term at k = 0)
 * </pre>
 *
 * where c_{k−1} is cell k−1 of step s + 1 (the special token N where the pattern leaves that cell empty); L' pre-norm
 * causal blocks ({@link TransformerStack}), a final LayerNorm and head k (D'→N) give the logits of cell k. Training
 * feeds the true cells (teacher forcing) for all B·S steps at once; sampling runs K one-position steps per sequence
 * step with a key/value cache of K positions.
 *
 * <p>Parameters, after the temporal model's: {@code depth.in} [D', D], {@code depth.pos} [K, D'], {@code depth.emb}
 * [(K−1)·(N+1), D'] (when K ≥ 2), {@code depth.layers.*}, {@code depth.ln.*}, {@code depth.heads} [K, D', N].
 */
final class DepthTransformer {

    private static final String PREFIX = "depth.";

    private final int codebooks;
    private final int codebookSize;
    private final LmFamily.Depth shape;
    private final NDArray input; // [D', D]
    private final NDArray positions; // [K, D']
    private final CodebookEmbedding embedding; // K−1 tables, or null when K = 1
    private final TransformerStack stack;
    private final NDArray normWeight;
    private final NDArray normBias;
    private final NDArray heads; // [K, D', N]
    private final CodebookLoss loss;

    DepthTransformer(LmConfig config, Parameters params, NDManager manager, long chunkBytes) {
        this.codebooks = config.codebooks();
        this.codebookSize = config.codebookSize();
        this.shape = config.depth();
        input = params.get(PREFIX + "in");
        positions = params.get(PREFIX + "pos");
        embedding =
                codebooks > 1 ? new CodebookEmbedding(codebooks - 1, codebookSize, params.get(PREFIX + "emb")) : null;
        stack = new TransformerStack(shape.blocks(), PREFIX + "layers.", params, manager, chunkBytes);
        normWeight = params.get(PREFIX + "ln.weight");
        normBias = params.get(PREFIX + "ln.bias");
        heads = params.get(PREFIX + "heads");
        loss = new CodebookLoss(codebooks, codebookSize, chunkBytes);
    }

    /** Adds the depth parameters (N(0, 0.02) as nanoGPT, blocks as {@link TransformerStack#describe}). */
    static void describe(ParameterTable.Builder t, LmConfig config) {
        LmFamily.Depth d = config.depth();
        int k = config.codebooks();
        ParameterTable.Init normal = ParameterTable.Init.normal(0.02);
        t.add(PREFIX + "in", normal, d.dim(), config.dim()).add(PREFIX + "pos", normal, k, d.dim());
        if (k > 1) {
            CodebookEmbedding.describe(t, PREFIX + "emb", k - 1, config.codebookSize(), d.dim());
        }
        TransformerStack.describe(t, d.blocks(), PREFIX + "layers.");
        t.add(PREFIX + "ln.weight", ParameterTable.Init.constant(1), d.dim())
                .add(PREFIX + "ln.bias", ParameterTable.Init.constant(0), d.dim())
                .add(PREFIX + "heads", normal, k, d.dim(), config.codebookSize());
    }

    /** The stack, for a sampler's {@link KvCache} of K positions. */
    TransformerStack stack() {
        return stack;
    }

    // ------------------------------------------------------------------------------------------- training

    /**
     * Per-codebook NLL sums [K] with teacher forcing: temporal states {@code hidden} [B,S,D], targets [B,S,K,1]
     * (int64) and weights [B,S,K,1] (0 or 1) as {@link PatternBatcher} lays them out. Depth inputs take the target
     * where the weight is 1 and the special token N elsewhere, as the sampler feeds them.
     */
    NDArray nllSums(NDArray hidden, NDArray targets, NDArray weights) {
        NDManager m = hidden.getManager();
        NDArray special = m.full(targets.getShape(), codebookSize, DataType.INT64);
        NDArray cells = NDArrays.where(weights.gt(0), targets.toType(DataType.INT64, false), special)
                .reshape(hidden.getShape().get(0), hidden.getShape().get(1), codebooks); // [B,S,K]
        return loss.nllSums(outputs(hidden, cells), this::logits, targets, weights);
    }

    /**
     * Logits [B,S,K·N] with teacher forcing: temporal states {@code hidden} [B,S,D] and the cells [B,S,K] (int64,
     * the special token N where a cell is empty) of the steps they predict; the logits of cell k see cells 0..k−1.
     */
    NDArray teacherForcedLogits(NDArray hidden, NDArray cells) {
        return logits(outputs(hidden, cells));
    }

    /** The depth transformer's final states [B,S,K,D'] for temporal states [B,S,D] and the cells [B,S,K] fed. */
    private NDArray outputs(NDArray hidden, NDArray cells) {
        NDManager m = hidden.getManager();
        long b = hidden.getShape().get(0);
        long s = hidden.getShape().get(1);
        int k = codebooks;
        NDArray x = Linear.linear(hidden, input)
                .singletonOrThrow()
                .reshape(b, s, 1, shape.dim()) // [B,S,1,D']
                .add(positions); // [B,S,K,D']
        if (k > 1) {
            NDArray previous = cells.get(new NDIndex().addAllDim(2).addSliceDim(0, k - 1)); // [B,S,K−1]
            long[] offsets = new long[k - 1];
            for (int q = 0; q < k - 1; q++) {
                offsets[q] = (long) q * (codebookSize + 1);
            }
            NDArray codes = embedding.embed(previous.add(m.create(offsets))); // [B,S,K−1,D']
            NDArray none = m.zeros(new Shape(b, s, 1, shape.dim()));
            x = x.add(NDArrays.concat(new NDList(none, codes), 2));
        }
        NDArray out = stack.forward(x.reshape(b * s, k, shape.dim()), 0, null, false);
        return TransformerStack.layerNorm(out, normWeight, normBias).reshape(b, s, k, shape.dim());
    }

    /** Logits [b,S,K·N] of depth outputs [b,S,K,D']: head k on position k. */
    private NDArray logits(NDArray out) {
        long b = out.getShape().get(0);
        long s = out.getShape().get(1);
        NDArray perHead =
                out.reshape(b * s, codebooks, shape.dim()).transpose(1, 0, 2).matMul(heads); // [K,bS,N]
        return perHead.transpose(1, 0, 2).reshape(b, s, (long) codebooks * codebookSize);
    }

    // ------------------------------------------------------------------------------------------- sampling

    /**
     * Fills the cells of step {@code offset} of {@code seq} ([B][K][S], {@code unknown} in cells to sample) from the
     * temporal state {@code hidden} [B,1,D] of the step before: K depth steps, each sampling code k for every
     * sequence (codebook-major, batch-minor, one draw per cell) and feeding the cell's final value (the sampled
     * code, or the prompt's code or special token already there) to position k + 1. With {@code cache} (K
     * positions) each position is run once; without it each position reruns the depth prefix (the reference).
     */
    void sampleStep(
            NDArray hidden,
            int[][][] seq,
            int offset,
            int unknown,
            KvCache cache,
            SampleConfig config,
            SplittableRandom random) {
        NDManager m = hidden.getManager();
        int batch = seq.length;
        int k = codebooks;
        int n = codebookSize;
        NDArray context = Linear.linear(hidden, input).singletonOrThrow(); // [B,1,D']
        NDList inputs = new NDList();
        int[] previous = null;
        for (int q = 0; q < k; q++) {
            NDArray x = context.add(row(positions, q, m));
            if (q > 0) {
                int[] rows = new int[batch];
                for (int b = 0; b < batch; b++) {
                    rows[b] = previous[b] + (q - 1) * (n + 1);
                }
                x = x.add(embedding.embed(m.create(rows, new Shape(batch, 1))));
            }
            NDArray out;
            if (cache != null) {
                out = stack.forward(x, q, cache, false); // [B,1,D']
            } else {
                inputs.add(x);
                NDArray all = stack.forward(NDArrays.concat(inputs, 1), 0, null, false); // [B,q+1,D']
                out = all.get(new NDIndex().addAllDim().addSliceDim(q, q + 1));
            }
            out = TransformerStack.layerNorm(out, normWeight, normBias);
            float[] logits = out.matMul(row(heads, q, m)).toFloatArray(); // [B,1,N]
            previous = new int[batch];
            for (int b = 0; b < batch; b++) {
                int code = TokenFilter.sample(logits, b * n, n, config, random);
                if (seq[b][q][offset] == unknown) {
                    seq[b][q][offset] = code;
                }
                previous[b] = seq[b][q][offset];
            }
        }
    }

    /** Row i of a long-lived array, attached to the step's manager so that it is freed with the step. */
    private static NDArray row(NDArray longLived, int i, NDManager step) {
        NDArray view = longLived.get(i);
        view.attach(step);
        return view;
    }
}
