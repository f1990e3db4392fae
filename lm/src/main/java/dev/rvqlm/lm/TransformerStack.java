package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.List;

/**
 * L pre-norm causal decoder blocks (nanoGPT / AudioCraft style, fused QKV, bias-free linears), with an optional
 * {@link KvCache}: {@code x += Attn(LN1(x)); x += W2·GELU(W1·LN2(x))}. Parameters are named {@code prefix + l + "."
 * + part}; {@link #describe} adds them to a model's {@link ParameterTable}.
 *
 * <p>Every array a forward creates belongs to the manager of its input; views of long-lived arrays are attached to
 * that manager, so a step's child manager frees all of them.
 */
final class TransformerStack {

    private static final float LN_EPS = 1e-5f;
    private static final NDIndex ALL_0 = new NDIndex().addAllDim().addIndices(0);
    private static final NDIndex ALL_1 = new NDIndex().addAllDim().addIndices(1);
    private static final NDIndex ALL_2 = new NDIndex().addAllDim().addIndices(2);

    /** The parameters of one decoder block, named as in nanoGPT. */
    private record Block(
            NDArray ln1Weight,
            NDArray ln1Bias,
            NDArray qkv,
            NDArray out,
            NDArray ln2Weight,
            NDArray ln2Bias,
            NDArray ff1,
            NDArray ff2) {}

    private final ModelShape shape;
    private final List<Block> blocks = new ArrayList<>();
    private final NDArray scale; // scalar 1/sqrt(D/H), long-lived (see DEPENDENCIES: no Number in autograd)
    private final long chunkBytes;

    /**
     * @param chunkBytes attention score tensors above this size are computed in batch chunks (glibc maps larger
     *                   blocks afresh each time)
     */
    TransformerStack(ModelShape shape, String prefix, Parameters params, NDManager manager, long chunkBytes) {
        this.shape = shape;
        this.chunkBytes = chunkBytes;
        for (int l = 0; l < shape.layers(); l++) {
            String p = prefix + l + ".";
            blocks.add(new Block(
                    params.get(p + "ln1.weight"),
                    params.get(p + "ln1.bias"),
                    params.get(p + "attn.qkv"),
                    params.get(p + "attn.out"),
                    params.get(p + "ln2.weight"),
                    params.get(p + "ln2.bias"),
                    params.get(p + "ffn.w1"),
                    params.get(p + "ffn.w2")));
        }
        scale = manager.create((float) (1.0 / Math.sqrt(shape.headDim())));
    }

    /**
     * Adds the blocks' parameters with nanoGPT's initialisation: N(0, 0.02) for linears, N(0, 0.02/√(2L)) for the
     * residual projections (attention output, FFN second layer), LayerNorms at weight 1, bias 0.
     */
    static void describe(ParameterTable.Builder table, ModelShape shape, String prefix) {
        long d = shape.dim();
        long f = (long) shape.ffnMultiplier() * d;
        ParameterTable.Init one = ParameterTable.Init.constant(1);
        ParameterTable.Init zero = ParameterTable.Init.constant(0);
        ParameterTable.Init linear = ParameterTable.Init.normal(0.02);
        ParameterTable.Init residual = ParameterTable.Init.normal(0.02 / Math.sqrt(2.0 * shape.layers()));
        for (int l = 0; l < shape.layers(); l++) {
            String p = prefix + l + ".";
            table.add(p + "ln1.weight", one, d)
                    .add(p + "ln1.bias", zero, d)
                    .add(p + "attn.qkv", linear, 3 * d, d)
                    .add(p + "attn.out", residual, d, d)
                    .add(p + "ln2.weight", one, d)
                    .add(p + "ln2.bias", zero, d)
                    .add(p + "ffn.w1", linear, f, d)
                    .add(p + "ffn.w2", residual, d, f);
        }
    }

    ModelShape shape() {
        return shape;
    }

    /**
     * Runs the blocks over x [B,S,D] at positions {@code position…position+S-1}, writing keys and values into
     * {@code cache} when it is given; returns [B,S,D] (before any final norm).
     */
    NDArray forward(NDArray x, int position, KvCache cache, boolean training) {
        int s = (int) x.getShape().get(1);
        NDArray mask = s > 1 ? causalMask(x.getManager(), s, position) : null; // [S, position+S] additive
        for (int l = 0; l < blocks.size(); l++) {
            x = block(x, blocks.get(l), mask, cache, l, position, training);
        }
        return x;
    }

    private NDArray block(NDArray x, Block p, NDArray mask, KvCache cache, int layer, int position, boolean training) {
        NDArray a = attention(layerNorm(x, p.ln1Weight(), p.ln1Bias()), p, mask, cache, layer, position);
        x = x.add(dropout(a, training)); // [B,S,D]
        NDArray h =
                Linear.linear(layerNorm(x, p.ln2Weight(), p.ln2Bias()), p.ff1()).singletonOrThrow(); // [B,S,mD]
        NDArray f = Linear.linear(Activation.gelu(h), p.ff2()).singletonOrThrow(); // [B,S,D]
        return x.add(dropout(f, training));
    }

    private NDArray attention(NDArray h, Block p, NDArray mask, KvCache cache, int layer, int position) {
        long b = h.getShape().get(0);
        long s = h.getShape().get(1);
        int heads = shape.heads();
        int dh = shape.headDim();
        NDArray qkv = Linear.linear(h, p.qkv())
                .singletonOrThrow() // [B,S,3D]
                .reshape(b, s, 3, heads, dh)
                .transpose(0, 2, 3, 1, 4); // [B,3,H,S,dh]
        NDArray q = qkv.get(ALL_0).mul(scale); // [B,H,S,dh], pre-scaled by 1/√dh
        NDArray k;
        NDArray v;
        if (cache == null) {
            k = qkv.get(ALL_1);
            v = qkv.get(ALL_2);
        } else { // write this chunk at [position, position+S), read the prefix [0, position+S)
            NDArray[] prefix = cache.append(layer, qkv.get(ALL_1), qkv.get(ALL_2), position, h.getManager());
            k = prefix[0];
            v = prefix[1];
        }
        long t = k.getShape().get(2);
        long rows = chunkRows(b, heads * s * t * 4L);
        NDArray y;
        if (rows >= b) {
            y = attend(q, k, v, mask);
        } else {
            NDList chunks = new NDList();
            for (long start = 0; start < b; start += rows) {
                NDIndex range = new NDIndex().addSliceDim(start, Math.min(b, start + rows));
                chunks.add(attend(q.get(range), k.get(range), v.get(range), mask));
            }
            y = NDArrays.concat(chunks, 0);
        }
        NDArray merged = y.transpose(0, 2, 1, 3).reshape(b, s, (long) heads * dh); // [B,S,D]
        return Linear.linear(merged, p.out()).singletonOrThrow();
    }

    /**
     * One new step through every block, the decoding fast path (fewest engine calls: each costs microseconds at
     * batch 1): x is [B,D] (two-dimensional, so each residual add rides in its projection as addmm's bias), the query
     * rows of the QKV weight come pre-scaled from the cache, the [B,3D] projection already has the [B,3H,1,dh] layout
     * (one split gives q, k and v as [B,H,1,dh]), [B,H,1,dh] the [B,D] one, and the cache holds keys transposed, so
     * no transposes are needed.
     * Returns [B,D].
     */
    NDArray decodeStep(NDArray x, int position, KvCache cache) {
        long b = x.getShape().get(0);
        int heads = shape.heads();
        int dh = shape.headDim();
        for (int l = 0; l < blocks.size(); l++) {
            Block p = blocks.get(l);
            NDList qkv = Linear.linear(layerNorm(x, p.ln1Weight(), p.ln1Bias()), cache.scaledQkv(l))
                    .singletonOrThrow()
                    .reshape(b, 3L * heads, 1, dh)
                    .split(3, 1);
            NDArray q = qkv.get(0); // [B,H,1,dh], already scaled by 1/√dh
            NDArray[] prefix = cache.appendOne(l, qkv.get(1), qkv.get(2), position, x.getManager());
            NDArray y = q.matMul(prefix[0]).softmax(3).matMul(prefix[1]); // [B,H,1,T]·[B,H,T,dh] → [B,H,1,dh]
            x = Linear.linear(y.reshape(b, (long) heads * dh), p.out(), x).singletonOrThrow(); // x + Attn
            NDArray h = Linear.linear(layerNorm(x, p.ln2Weight(), p.ln2Bias()), p.ff1())
                    .singletonOrThrow();
            x = Linear.linear(Activation.gelu(h), p.ff2(), x).singletonOrThrow(); // x + FFN
        }
        return x;
    }

    /** The query rows of a block's QKV weight scaled by 1/√dh, for {@link KvCache} (no autograd). */
    NDArray scaledQkv(int layer, NDManager owner) {
        NDArray w = blocks.get(layer).qkv();
        NDArray scaled = w.duplicate();
        scaled.attach(owner);
        NDIndex queryRows = new NDIndex().addSliceDim(0, shape.dim());
        NDArray rows = w.get(queryRows);
        rows.attach(owner);
        scaled.set(queryRows, rows.mul(scale));
        return scaled;
    }

    /** softmax(q·kᵀ + mask)·v: q [b,H,S,dh] (pre-scaled), k and v [b,H,T,dh] → [b,H,S,dh]. */
    private static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask) {
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)); // [b,H,S,T]
        if (mask != null) {
            scores = scores.add(mask);
        }
        return scores.softmax(3).matMul(v);
    }

    /** Rows of a batch per chunk so that a chunk stays under {@code chunkBytes}. */
    static long chunkRows(long batch, long bytesPerRow, long chunkBytes) {
        return Math.max(1, Math.min(batch, chunkBytes / Math.max(1, bytesPerRow)));
    }

    private long chunkRows(long batch, long bytesPerRow) {
        return chunkRows(batch, bytesPerRow, chunkBytes);
    }

    private NDArray dropout(NDArray x, boolean training) {
        if (!training || shape.dropout() == 0) {
            return x;
        }
        return Dropout.dropout(x, (float) shape.dropout(), true).singletonOrThrow();
    }

    static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
        return LayerNorm.layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, LN_EPS)
                .singletonOrThrow();
    }

    /** Additive causal mask for S queries at positions p…p+S−1 over keys 0…p+S−1: 0 allowed, −∞ in the future. */
    private static NDArray causalMask(NDManager m, int s, int position) {
        int t = position + s;
        float[] mask = new float[s * t];
        for (int i = 0; i < s; i++) {
            for (int j = position + i + 1; j < t; j++) {
                mask[i * t + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return m.create(mask, new Shape(s, t));
    }
}
