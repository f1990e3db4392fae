package dev.rvqlm.tokenizer.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The encoder and decoder MLPs of a learned codec ({@link LearnedShape}) and their parameters, on DJL. Inputs are
 * gain-shape feature frames normalised per dimension by the training set's mean and standard deviation (stored
 * with the weights); the decoder predicts normalised features. Owns a base {@link NDManager}: {@link #close()}.
 *
 * <p>Parameter table (name, shape), in file order: {@code enc.w1} (We·D, H), {@code enc.b1} (H), {@code enc.w2}
 * (H, Z), {@code enc.b2} (Z), {@code dec.w1} (Wd·Z, H), {@code dec.b1} (H), {@code dec.w2} (H, H), {@code dec.b2}
 * (H), {@code dec.w3} (H, D), {@code dec.b3} (D); then the constants {@code norm.mean} (D) and {@code norm.std} (D).
 */
public final class LearnedNetwork implements AutoCloseable {

    private final LearnedShape shape;
    private final int dimension;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final float[] mean;
    private final float[] std;

    /**
     * Fresh weights (normal with std 1/√fan-in, zero biases) for D-dimensional features with the given per-dimension
     * mean and standard deviation.
     */
    public static LearnedNetwork initialise(
            LearnedShape shape, int dimension, float[] mean, float[] std, SplittableRandom random) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : table(shape, dimension).entrySet()) {
            long[] s = e.getValue().getShape();
            float[] v = new float[(int) e.getValue().size()];
            if (s.length == 2) {
                double scale = 1 / Math.sqrt(s[0]);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * scale);
                }
            }
            values.put(e.getKey(), v);
        }
        return new LearnedNetwork(shape, dimension, values, mean, std);
    }

    /** A network from stored values (every name of {@link #table}); arrays are copied. */
    public LearnedNetwork(LearnedShape shape, int dimension, Map<String, float[]> values, float[] mean, float[] std) {
        if (mean.length != dimension || std.length != dimension) {
            throw new IllegalArgumentException("normalisation needs " + dimension + " means and deviations, got "
                    + mean.length + " and " + std.length);
        }
        this.shape = shape;
        this.dimension = dimension;
        this.mean = mean.clone();
        this.std = std.clone();
        this.manager = NDManager.newBaseManager();
        for (Map.Entry<String, Shape> e : table(shape, dimension).entrySet()) {
            float[] v = values.get(e.getKey());
            if (v == null || v.length != e.getValue().size()) {
                manager.close();
                throw new IllegalArgumentException("parameter " + e.getKey() + " needs "
                        + e.getValue().size() + " values, got " + (v == null ? "none" : v.length));
            }
            NDArray array = manager.create(v, e.getValue());
            array.setRequiresGradient(true);
            params.put(e.getKey(), array);
        }
    }

    /** Parameter names and shapes, in file order. */
    public static Map<String, Shape> table(LearnedShape s, int d) {
        int h = s.hidden();
        int z = s.latent();
        Map<String, Shape> t = new LinkedHashMap<>();
        t.put("enc.w1", new Shape((long) s.encoderWindow() * d, h));
        t.put("enc.b1", new Shape(h));
        t.put("enc.w2", new Shape(h, z));
        t.put("enc.b2", new Shape(z));
        t.put("dec.w1", new Shape((long) s.decoderWindow() * z, h));
        t.put("dec.b1", new Shape(h));
        t.put("dec.w2", new Shape(h, h));
        t.put("dec.b2", new Shape(h));
        t.put("dec.w3", new Shape(h, d));
        t.put("dec.b3", new Shape(d));
        return t;
    }

    public LearnedShape shape() {
        return shape;
    }

    /** D, the feature dimension. */
    public int dimension() {
        return dimension;
    }

    public NDManager manager() {
        return manager;
    }

    /** The trainable arrays, in file order. */
    public List<NDArray> parameters() {
        return new ArrayList<>(params.values());
    }

    /** Parameter values by name, in file order (copies). */
    public Map<String, float[]> values() {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    /**
     * Encoder input for latent frames {@code frames[r]} of a sequence of features: for each, the window t −
     * encoderPast … t + encoderFuture, clamped to the sequence (edge frames repeat), normalised.
     *
     * @param features [T][D] raw gain-shape features of one clip
     * @param frames   latent frame indices (clamped to [0, T) too)
     * @param out      destination, {@code frames.length × We·D} starting at {@code offset}
     */
    public void windows(float[][] features, int[] frames, float[] out, int offset) {
        int last = features.length - 1;
        int d = dimension;
        int w = shape.encoderWindow();
        for (int r = 0; r < frames.length; r++) {
            int t = Math.max(0, Math.min(last, frames[r]));
            for (int j = 0; j < w; j++) {
                float[] f = features[Math.max(0, Math.min(last, t - shape.encoderPast() + j))];
                int base = offset + (r * w + j) * d;
                for (int i = 0; i < d; i++) {
                    out[base + i] = (f[i] - mean[i]) / std[i];
                }
            }
        }
    }

    /** z = W2·gelu(W1·window + b1) + b2: (R, We·D) windows → (R, Z) latents. */
    public NDArray encode(NDArray windows) {
        NDArray h = Activation.gelu(windows.matMul(params.get("enc.w1")).add(params.get("enc.b1")));
        return h.matMul(params.get("enc.w2")).add(params.get("enc.b2"));
    }

    /**
     * Decodes (B, L + decoderPast + decoderFuture, Z) latents into (B·L, D) normalised features: each output frame
     * sees its latent and its decoder window's neighbours.
     */
    public NDArray decode(NDArray latents) {
        long b = latents.getShape().get(0);
        long padded = latents.getShape().get(1);
        long frames = padded - shape.decoderPast() - shape.decoderFuture();
        NDList parts = new NDList();
        for (int j = 0; j < shape.decoderWindow(); j++) {
            parts.add(latents.get(new NDIndex(":, {}:{}, :", j, j + frames)));
        }
        NDArray x = (parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 2))
                .reshape(b * frames, (long) shape.decoderWindow() * shape.latent());
        NDArray h1 = Activation.gelu(x.matMul(params.get("dec.w1")).add(params.get("dec.b1")));
        NDArray h2 = Activation.gelu(h1.matMul(params.get("dec.w2")).add(params.get("dec.b2")));
        return h2.matMul(params.get("dec.w3")).add(params.get("dec.b3"));
    }

    /** Normalised features back to raw ones, in place: [T][D]. */
    public void denormalise(float[] normalised, float[][] out) {
        for (int t = 0; t < out.length; t++) {
            for (int i = 0; i < dimension; i++) {
                out[t][i] = normalised[t * dimension + i] * std[i] + mean[i];
            }
        }
    }

    /** Normalises raw features [R][D] into a flat array. */
    public float[] normalise(float[][] rows) {
        float[] out = new float[rows.length * dimension];
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < dimension; i++) {
                out[r * dimension + i] = (rows[r][i] - mean[i]) / std[i];
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
