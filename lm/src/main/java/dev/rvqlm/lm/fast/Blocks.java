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

    /** Buffers for {@link #step}: the rows of every intermediate, and a row of attention scores per thread. */
    static final class Scratch {
        final float[] normed;
        final float[] qkv;
        final float[] attended;
        final float[] hidden;
        final float[][] scores;

        /** @param rows the most rows a pass takes */
        Scratch(StackDims dims, int rows, int capacity, int parts) {
            normed = new float[rows * dims.dim()];
            qkv = new float[rows * 3 * dims.dim()];
            attended = new float[rows * dims.dim()];
            hidden = new float[rows * dims.ffnWidth()];
            scores = new float[parts][(capacity + KvStore.PANEL - 1) / KvStore.PANEL * KvStore.PANEL];
        }
    }

    /**
     * Runs the rows (steps of B sequences) through every block: x [rows][D] is updated in place (the residual
     * stream, before any final norm); their keys and values are written into {@code cache}, and each row attends to
     * its sequence's steps up to its own. The products and the attention are split over the workers' threads.
     */
    void step(float[] x, Rows rows, KvStore cache, Scratch s, Workers workers) {
        int d = dims.dim();
        int n = rows.count();
        for (int l = 0; l < layers.length; l++) {
            Layer w = layers[l];
            for (int r = 0; r < n; r++) {
                Kernels.layerNorm(x, r * d, d, w.ln1Weight(), w.ln1Bias(), s.normed, r * d);
            }
            w.qkv().apply(s.normed, s.qkv, n, workers);
            int layer = l;
            store(s.qkv, rows, cache, layer);
            workers.run((part, parts) -> attend(s, rows, cache, layer, part, parts));
            w.out().addTo(s.attended, x, n, workers); // x += Out·Attn
            for (int r = 0; r < n; r++) {
                Kernels.layerNorm(x, r * d, d, w.ln2Weight(), w.ln2Bias(), s.normed, r * d);
            }
            workers.run((part, parts) -> feedForward(w.ff1(), s, n, part, parts));
            w.ff2().addTo(s.hidden, x, n, workers); // x += FFN
        }
    }

    /** Part of GELU(W1·LN2(x)): the outputs of one part of the first FFN layer, then their GELU. */
    private static void feedForward(Linear ff1, Scratch s, int rows, int part, int parts) {
        ff1.rows(s.normed, s.hidden, rows, false, part, parts);
        int from = ff1.split(part, parts);
        int to = ff1.split(part + 1, parts);
        for (int r = 0; r < rows; r++) {
            Kernels.gelu(s.hidden, r * ff1.out() + from, to - from);
        }
    }

    /**
     * Writes every row's keys and values (from {@code qkv}, [rows][3][H][dh]) into the cache of its sequence at its
     * position, before any row attends: a row of a prompt attends to the rows before it.
     */
    private void store(float[] qkv, Rows rows, KvStore cache, int layer) {
        int d = dims.dim();
        int heads = dims.heads();
        int dh = dims.headDim();
        float[] keys = cache.keys(layer);
        float[] values = cache.values(layer);
        for (int r = 0; r < rows.count(); r++) {
            int p = rows.position(r);
            for (int h = 0; h < heads; h++) {
                int head = rows.sequence(r) * heads + h; // (b, h) block of the cache
                int at = r * 3 * d + h * dh;
                for (int i = 0; i < dh; i++) {
                    keys[cache.keyIndex(head, p, i)] = qkv[at + d + i];
                }
                System.arraycopy(qkv, at + 2 * d, values, cache.valuesOffset(head) + p * dh, dh);
            }
        }
    }

    /**
     * One part of the attention: for its share of the (row, head) pairs, {@code s.attended} [rows][H][dh] =
     * softmax(q·Kᵀ)·V over the row's sequence up to its position.
     */
    private void attend(Scratch s, Rows rows, KvStore cache, int layer, int part, int parts) {
        int d = dims.dim();
        int heads = dims.heads();
        int dh = dims.headDim();
        float[] scores = s.scores[part];
        int pairs = rows.count() * heads;
        for (int pair = Workers.from(pairs, part, parts); pair < Workers.from(pairs, part + 1, parts); pair++) {
            int r = pair / heads;
            int h = pair % heads;
            int head = rows.sequence(r) * heads + h;
            int t = rows.position(r) + 1;
            Lanes.BEST.scores(s.qkv, r * 3 * d + h * dh, dh, cache.keys(layer), cache.keysOffset(head), scores, t);
            Kernels.softmax(scores, 0, t);
            Arrays.fill(s.attended, r * d + h * dh, r * d + (h + 1) * dh, 0f);
            Lanes.BEST.mix(scores, t, cache.values(layer), cache.valuesOffset(head), dh, s.attended, r * d + h * dh);
        }
    }
}
