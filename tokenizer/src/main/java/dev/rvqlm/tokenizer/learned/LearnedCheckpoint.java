package dev.rvqlm.tokenizer.learned;

import ai.djl.ndarray.NDManager;
import dev.rvqlm.tokenizer.CodecFileException;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.TensorFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A learned codec's training state after some step ({@link TensorFile}, magic {@code RVQLCKPT}): network weights,
 * Adam moments and, once quantisation has started, every stage's codewords and EMA counts and sums. Written
 * atomically, so an interrupted run leaves the previous checkpoint intact.
 */
final class LearnedCheckpoint {

    static final byte[] MAGIC = "RVQLCKPT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    record Header(int step, int stages) {}

    record State(int step, LatentQuantizer quantizer) {}

    private LearnedCheckpoint() {}

    static void write(Path file, int step, LearnedNetwork net, Adam adam, LatentQuantizer quantizer)
            throws IOException {
        Map<String, float[]> tensors = new LinkedHashMap<>(net.values());
        Map<String, long[]> shapes = new LinkedHashMap<>();
        LearnedNetwork.table(net.shape(), net.dimension()).forEach((k, v) -> shapes.put(k, v.getShape()));
        List<float[]> moments = adam.state();
        for (int i = 0; i < moments.size(); i++) {
            tensors.put("adam." + i, moments.get(i));
            shapes.put("adam." + i, new long[] {moments.get(i).length});
        }
        int stages = quantizer == null ? 0 : quantizer.count();
        for (int k = 0; k < stages; k++) {
            tensors.put("codebook." + k, quantizer.stage(k).codewords().clone());
            shapes.put("codebook." + k, new long[] {quantizer.stage(k).codewords().length});
            tensors.put("ema." + k, quantizer.stage(k).state());
            shapes.put("ema." + k, new long[] {quantizer.stage(k).state().length});
        }
        AtomicFiles.replace(file, TensorFile.serialize(MAGIC, VERSION, new Header(step, stages), tensors, shapes));
    }

    /** Loads weights and Adam moments into {@code net} and {@code adam}; rebuilds the quantizer if it had started. */
    static State read(Path file, LearnedNetwork net, Adam adam, int codebooks, int size, LearnedTraining training)
            throws IOException {
        TensorFile.Contents c = TensorFile.read(file, MAGIC, "a learned-codec checkpoint");
        int step = c.header().path("step").asInt(-1);
        int stages = c.header().path("stages").asInt(-1);
        if (step < 0 || step > training.steps() || (stages != 0 && stages != codebooks)) {
            throw new CodecFileException(
                    file,
                    "checkpoint at step " + step + " with " + stages + " stages does not fit" + " this run ("
                            + training.steps() + " steps, K=" + codebooks + ")");
        }
        int i = 0;
        List<ai.djl.ndarray.NDArray> params = net.parameters();
        for (Map.Entry<String, float[]> e : net.values().entrySet()) {
            params.get(i++).set(tensor(file, c, e.getKey(), e.getValue().length));
        }
        List<float[]> moments = new ArrayList<>();
        for (int m = 0; m < 2 * params.size(); m++) {
            moments.add(tensor(
                    file, c, "adam." + m, (int) params.get(m % params.size()).size()));
        }
        adam.restore(step, moments);
        LatentQuantizer quantizer = null;
        if (stages > 0) {
            int z = net.shape().latent();
            try (NDManager scratch = net.manager().newSubManager()) {
                // seeded on placeholder latents, then overwritten by the stored state
                quantizer = new LatentQuantizer(
                        scratch, codebooks, size, z, new float[size * z], size, 1, new SplittableRandom(0));
            }
            for (int k = 0; k < codebooks; k++) {
                quantizer
                        .stage(k)
                        .restore(
                                tensor(file, c, "codebook." + k, size * z),
                                tensor(file, c, "ema." + k, dev.rvqlm.tokenizer.rvq.EmaCodebook.stateLength(size, z)));
            }
        }
        return new State(step, quantizer);
    }

    private static float[] tensor(Path file, TensorFile.Contents c, String name, int length) {
        float[] v = c.tensors().get(name);
        if (v == null || v.length != length) {
            throw new CodecFileException(
                    file,
                    "checkpoint tensor " + name + " is missing or of another shape: was"
                            + " the run started with other settings?");
        }
        return v;
    }
}
