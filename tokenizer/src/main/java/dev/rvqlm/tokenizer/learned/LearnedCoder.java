package dev.rvqlm.tokenizer.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rvqlm.tokenizer.ClassicalCoder;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.FeatureCoder;
import dev.rvqlm.tokenizer.fine.FineCoding;
import dev.rvqlm.tokenizer.fine.FineLayout;
import dev.rvqlm.tokenizer.fine.StagePlan;
import dev.rvqlm.tokenizer.rvq.Codebooks;
import dev.rvqlm.tokenizer.rvq.ResidualQuantizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learned codec's coder: encoder → greedy residual VQ on Z-dimensional latents → decoder. At clip edges the
 * windows repeat the first and last frame (as in training). Kind {@code fine} adds a {@link FineCoding}: the VQ codes
 * the joint vector [latent, scale · fine structure of the low bands], and the decoder takes those bands' shapes from
 * the codes. Thread-safe: every call works in its own child manager.
 */
public final class LearnedCoder implements FeatureCoder {

    public static final String KIND = "learned";
    /** The kind of a learned codec with fine-structure coding of its low bands. */
    public static final String FINE_KIND = "fine";

    private final LearnedNetwork network;
    private final Codebooks codebooks;
    private final ResidualQuantizer quantizer;
    private final FineCoding fine;

    /** Takes ownership of {@code network}. */
    public LearnedCoder(LearnedNetwork network, Codebooks codebooks) {
        this(network, codebooks, null);
    }

    /** Takes ownership of {@code network}; {@code fine} null: kind learned, else kind fine. */
    public LearnedCoder(LearnedNetwork network, Codebooks codebooks, FineCoding fine) {
        int expected =
                network.shape().latent() + (fine == null ? 0 : fine.layout().length());
        if (codebooks.dimension() != expected) {
            throw new IllegalArgumentException(
                    "codebooks of dimension " + codebooks.dimension() + " for VQ vectors of " + expected);
        }
        this.network = network;
        this.codebooks = codebooks;
        StagePlan plan = StagePlan.of(codebooks.count(), network.shape().latent(), fine == null ? null : fine.layout());
        this.quantizer = new ResidualQuantizer(codebooks, plan.from(), plan.to());
        this.fine = fine;
    }

    /**
     * A coder from stored tensors: {@code codebook.k}, the network's table, {@code norm.mean}, {@code norm.std} and,
     * for kind fine ({@code fine} not null), {@code fine.scale}.
     */
    public static LearnedCoder fromTensors(
            CodecConfig config, LearnedShape shape, FineLayout fine, Map<String, float[]> tensors) {
        float[][] stages = stages(config.codebooks(), tensors);
        FineCoding coding = null;
        if (fine != null) {
            float[] scale = required(tensors, "fine.scale");
            if (scale.length != 1) {
                throw new IllegalArgumentException("tensor fine.scale holds " + scale.length + " values, not 1");
            }
            coding = new FineCoding(fine, scale[0]);
        }
        int dim = shape.latent() + (fine == null ? 0 : fine.length());
        Codebooks books = new Codebooks(config.codebookSize(), dim, stages);
        LearnedNetwork net = new LearnedNetwork(
                shape, config.dimension(), tensors, required(tensors, "norm.mean"), required(tensors, "norm.std"));
        return new LearnedCoder(net, books, coding);
    }

    private static float[][] stages(int codebooks, Map<String, float[]> tensors) {
        float[][] stages = new float[codebooks][];
        for (int k = 0; k < codebooks; k++) {
            stages[k] = required(tensors, "codebook." + k);
        }
        return stages;
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

    /** The fine coding of a fine-kind coder, or null. */
    public FineCoding fine() {
        return fine;
    }

    @Override
    public int[][] encode(float[][] features) {
        return quantizer.encode(vqVectors(features));
    }

    /** What the residual VQ codes: the latents, followed for kind fine by the scaled fine structure, [T][Z(+L)]. */
    public float[][] vqVectors(float[][] features) {
        float[][] z = latents(features);
        if (fine == null) {
            return z;
        }
        int latent = network.shape().latent();
        float[][] joint = new float[z.length][codebooks.dimension()];
        for (int t = 0; t < z.length; t++) {
            System.arraycopy(z[t], 0, joint[t], 0, latent);
        }
        fine.extract(features, joint, latent);
        return joint;
    }

    @Override
    public float[][] decode(int[][] codes, int firstK) {
        float[][] vectors = codebooks.decode(codes, firstK);
        if (fine == null) {
            return decodeLatents(vectors);
        }
        int latent = network.shape().latent();
        float[][] z = new float[vectors.length][];
        for (int t = 0; t < vectors.length; t++) {
            z[t] = Arrays.copyOf(vectors[t], latent);
        }
        float[][] features = decodeLatents(z);
        fine.insert(vectors, latent, features);
        return features;
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
        return fine == null ? KIND : FINE_KIND;
    }

    @Override
    public Map<String, float[]> tensors() {
        Map<String, float[]> out = new LinkedHashMap<>(ClassicalCoder.codebookTensors(codebooks));
        out.putAll(network.values());
        out.put("norm.mean", network.mean());
        out.put("norm.std", network.std());
        if (fine != null) {
            out.put("fine.scale", new float[] {(float) fine.scale()});
        }
        return out;
    }

    @Override
    public Map<String, long[]> tensorShapes() {
        Map<String, long[]> out = new LinkedHashMap<>(ClassicalCoder.codebookShapes(codebooks));
        LearnedNetwork.table(network.shape(), network.dimension()).forEach((k, v) -> out.put(k, v.getShape()));
        out.put("norm.mean", new long[] {network.dimension()});
        out.put("norm.std", new long[] {network.dimension()});
        if (fine != null) {
            out.put("fine.scale", new long[] {1});
        }
        return out;
    }

    @Override
    public void close() {
        quantizer.close();
        network.close();
    }
}
