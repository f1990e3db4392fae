package dev.rvqlm.tokenizer.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rvqlm.tokenizer.ClassicalCoder;
import dev.rvqlm.tokenizer.FeatureCoder;
import dev.rvqlm.tokenizer.rvq.Codebooks;
import dev.rvqlm.tokenizer.rvq.ResidualQuantizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learned codec's coder: encoder → greedy residual VQ on Z-dimensional latents → decoder. At clip edges the
 * windows repeat the first and last frame (as in training). Thread-safe: every call works in its own child manager.
 */
public final class LearnedCoder implements FeatureCoder {

    public static final String KIND = "learned";

    private final LearnedNetwork network;
    private final Codebooks codebooks;
    private final ResidualQuantizer quantizer;

    /** Takes ownership of {@code network}. */
    public LearnedCoder(LearnedNetwork network, Codebooks codebooks) {
        if (codebooks.dimension() != network.shape().latent()) {
            throw new IllegalArgumentException("codebooks of dimension " + codebooks.dimension() + " for latents of "
                    + network.shape().latent());
        }
        this.network = network;
        this.codebooks = codebooks;
        this.quantizer = new ResidualQuantizer(codebooks);
    }

    /** A coder from stored tensors: {@code codebook.k}, the network's table, {@code norm.mean}, {@code norm.std}. */
    public static LearnedCoder fromTensors(
            LearnedShape shape, int dimension, int codebooks, int size, Map<String, float[]> tensors) {
        float[][] stages = new float[codebooks][];
        for (int k = 0; k < codebooks; k++) {
            stages[k] = required(tensors, "codebook." + k);
        }
        LearnedNetwork net = new LearnedNetwork(
                shape, dimension, tensors, required(tensors, "norm.mean"), required(tensors, "norm.std"));
        return new LearnedCoder(net, new Codebooks(size, shape.latent(), stages));
    }

    private static float[] required(Map<String, float[]> tensors, String name) {
        float[] v = tensors.get(name);
        if (v == null) {
            throw new IllegalArgumentException("tensor " + name + " is missing");
        }
        return v;
    }

    public LearnedNetwork network() {
        return network;
    }

    /** The encoder's latents for a clip's features, [T][Z]. */
    public float[][] latents(float[][] features) {
        int frames = features.length;
        int z = network.shape().latent();
        float[][] out = new float[frames][z];
        if (frames == 0) {
            return out;
        }
        int width = network.shape().encoderWindow() * network.dimension();
        int[] index = new int[frames];
        for (int t = 0; t < frames; t++) {
            index[t] = t;
        }
        float[] windows = new float[frames * width];
        network.windows(features, index, windows, 0);
        try (NDManager scratch = network.manager().newSubManager()) {
            float[] flat = network.encode(scratch.create(windows, new Shape(frames, width)))
                    .toFloatArray();
            for (int t = 0; t < frames; t++) {
                System.arraycopy(flat, t * z, out[t], 0, z);
            }
        }
        return out;
    }

    @Override
    public int[][] encode(float[][] features) {
        return quantizer.encode(latents(features));
    }

    @Override
    public float[][] decode(int[][] codes, int firstK) {
        return decodeLatents(codebooks.decode(codes, firstK));
    }

    /** Features [T][D] from latents [T][Z] (quantised or not). */
    public float[][] decodeLatents(float[][] latents) {
        int frames = latents.length;
        float[][] out = new float[frames][network.dimension()];
        if (frames == 0) {
            return out;
        }
        LearnedShape s = network.shape();
        int z = s.latent();
        int padded = frames + s.decoderPast() + s.decoderFuture();
        float[] input = new float[padded * z];
        for (int u = 0; u < padded; u++) {
            int t = Math.max(0, Math.min(frames - 1, u - s.decoderPast()));
            System.arraycopy(latents[t], 0, input, u * z, z);
        }
        try (NDManager scratch = network.manager().newSubManager()) {
            NDArray decoded = network.decode(scratch.create(input, new Shape(1, padded, z)));
            network.denormalise(decoded.toFloatArray(), out);
        }
        return out;
    }

    @Override
    public Codebooks codebooks() {
        return codebooks;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, float[]> tensors() {
        Map<String, float[]> out = new LinkedHashMap<>(ClassicalCoder.codebookTensors(codebooks));
        out.putAll(network.values());
        out.put("norm.mean", network.mean());
        out.put("norm.std", network.std());
        return out;
    }

    @Override
    public Map<String, long[]> tensorShapes() {
        Map<String, long[]> out = new LinkedHashMap<>(ClassicalCoder.codebookShapes(codebooks));
        LearnedNetwork.table(network.shape(), network.dimension()).forEach((k, v) -> out.put(k, v.getShape()));
        out.put("norm.mean", new long[] {network.dimension()});
        out.put("norm.std", new long[] {network.dimension()});
        return out;
    }

    @Override
    public void close() {
        quantizer.close();
        network.close();
    }
}
