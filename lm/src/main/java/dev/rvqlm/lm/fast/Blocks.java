package dev.rvqlm.lm.fast;

import java.util.Arrays;
import java.util.function.Function;

/**
 * L pre-norm causal decoder blocks run one step at a time on plain arrays, the same computation as the DJL model's
 * {@code TransformerStack.decodeStep}: {@code x += Out·Attn(LN1(x)); x += W2·GELU(W1·LN2(x))}, fused QKV with the
 * query rows pre-scaled by 1/√dh, bias-free linears, exact GELU.
 *
 * <p>The weights are PyTorch's [out][in] arrays ({@link Linear}), looked up once by the names the DJL model gives
 * them ({@code prefix + l + ".ln1.weight"}, {@code ".attn.qkv"}, ...).
 */
final class Blocks {

    /** One block's weights. */
    private record Layer(
            float[] ln1Weight,
            float[] ln1Bias,
            Linear qkv,
            Linear out,
            float[] ln2Weight,
            float[] ln2Bias,
            Linear ff1,
            Linear ff2) {}

    private final StackDims dims;
    private final Layer[] layers;

    Blocks(StackDims dims, String prefix, Function<String, float[]> tensors) {
        this.dims = dims;
        int d = dims.dim();
        int f = dims.ffnWidth();
        layers = new Layer[dims.layers()];
        float scale = (float) (1.0 / Math.sqrt(dims.headDim()));
        for (int l = 0; l < layers.length; l++) {
            String p = prefix + l + ".";
            float[] qkv = Arrays.copyOf(sized(tensors, p + "attn.qkv", 3 * d * d), 3 * d * d);
            for (int i = 0; i < d * d; i++) { // the query rows, [0, D) of [3D][D]
                qkv[i] *= scale;
            }
            layers[l] = new Layer(
                    sized(tensors, p + "ln1.weight", d),
                    sized(tensors, p + "ln1.bias", d),
                    new Linear(qkv, d, 3 * d),
                    new Linear(sized(tensors, p + "attn.out", d * d), d, d),
                    sized(tensors, p + "ln2.weight", d),
                    sized(tensors, p + "ln2.bias", d),
                    new Linear(sized(tensors, p + "ffn.w1", f * d), d, f),
                    new Linear(sized(tensors, p + "ffn.w2", d * f), f, d));
        }
    }

    /** The tensor called {@code name}, checked to hold {@code size} values. */
    static float[] sized(Function<String, float[]> tensors, String name, int size) {
        float[] t = tensors.apply(name);
        if (t == null || t.length != size) {
            throw new IllegalArgumentException(
                    "tensor " + name + " should hold " + size + " values, got " + (t == null ? "none" : t.length));
        }
        return t;
    }

    StackDims dims() {
        return dims;
    }

    /** Buffers for {@link #step}: B rows of every intermediate, and a row of attention scores per thread. */
    static final class Scratch {
        final float[] normed;
        final float[] qkv;
        final float[] attended;
        final float[] hidden;
        final float[][] scores;

        Scratch(StackDims dims, int batch, int capacity, int parts) {
            normed = new float[batch * dims.dim()];
            qkv = new float[batch * 3 * dims.dim()];
            attended = new float[batch * dims.dim()];
            hidden = new float[batch * dims.ffnWidth()];
            scores = new float[parts][capacity];
        }
    }

    /**
     * Runs step {@code position} of B sequences through every block: x [B][D] is updated in place (the residual
     * stream, before any final norm); keys and values of the step are written into {@code cache}. The products and
     * the attention are split over the workers' threads.
     */
    void step(float[] x, int batch, int position, KvStore cache, Scratch s, Workers workers) {
        int d = dims.dim();
        for (int l = 0; l < layers.length; l++) {
            Layer w = layers[l];
            for (int b = 0; b < batch; b++) {
                Kernels.layerNorm(x, b * d, d, w.ln1Weight(), w.ln1Bias(), s.normed, b * d);
            }
            w.qkv().apply(s.normed, s.qkv, batch, workers);
            float[] keys = cache.keys(l);
            float[] values = cache.values(l);
            workers.run((part, parts) -> attend(s, batch, position, keys, values, cache.capacity(), part, parts));
            w.out().addTo(s.attended, x, batch, workers); // x += Out·Attn
            for (int b = 0; b < batch; b++) {
                Kernels.layerNorm(x, b * d, d, w.ln2Weight(), w.ln2Bias(), s.normed, b * d);
            }
            workers.run((part, parts) -> feedForward(w.ff1(), s, batch, part, parts));
            w.ff2().addTo(s.hidden, x, batch, workers); // x += FFN
        }
    }

    /** Part of GELU(W1·LN2(x)): the outputs of one part of the first FFN layer, then their GELU. */
    private static void feedForward(Linear ff1, Scratch s, int batch, int part, int parts) {
        ff1.rows(s.normed, s.hidden, batch, false, part, parts);
        int from = ff1.split(part, parts);
        int to = ff1.split(part + 1, parts);
        for (int b = 0; b < batch; b++) {
            Kernels.gelu(s.hidden, b * ff1.out() + from, to - from);
        }
    }

    /**
     * One part of the attention: for its share of the (sequence, head) pairs, writes the step's keys and values
     * (from {@code s.qkv}, [B][3][H][dh]) at {@code position} and attends over steps 0…position:
     * {@code s.attended} [B][H][dh] = softmax(q·Kᵀ)·V.
     */
    private void attend(
            Scratch s, int batch, int position, float[] keys, float[] values, int capacity, int part, int parts) {
        int d = dims.dim();
        int heads = dims.heads();
        int dh = dims.headDim();
        int t = position + 1;
        float[] scores = s.scores[part];
        int pairs = batch * heads;
        for (int head = Workers.from(pairs, part, parts); head < Workers.from(pairs, part + 1, parts); head++) {
            int b = head / heads;
            int h = head % heads;
            int row = b * 3 * d + h * dh; // this head's query in s.qkv; its key at + D, its value at + 2D
            for (int i = 0; i < dh; i++) {
                keys[(head * dh + i) * capacity + position] = s.qkv[row + d + i];
                values[(head * capacity + position) * dh + i] = s.qkv[row + 2 * d + i];
            }
            Lanes.BEST.scores(s.qkv, row, dh, keys, head * dh * capacity, capacity, scores, t);
            Kernels.softmax(scores, 0, t);
            Arrays.fill(s.attended, b * d + h * dh, b * d + (h + 1) * dh, 0f);
            Lanes.BEST.mix(scores, t, values, head * capacity * dh, dh, s.attended, b * d + h * dh);
        }
    }
}
