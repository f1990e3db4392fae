package dev.rvqlm.lm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.InputFiles;
import dev.rvqlm.tokens.TensorFile;
import dev.rvqlm.tokens.TensorFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint file: a model (weights, {@link LmConfig}, pattern spec, tokenizer identity) and optionally the
 * training state (AdamW moments and step, next step, {@link LmTraining}; the data and dropout randomness is a pure
 * function of the seed and the step, so seed + step are the RNG state).
 *
 * <p>Format 3 (written) is a {@link TensorFile} with magic {@code RVQLMCKP}: the JSON header is a {@link Header};
 * the tensors are the model's parameters by name in {@link LmModel#parameterTable} order, then for a training
 * checkpoint each parameter's AdamW moments {@code adam.m.NAME} and {@code adam.v.NAME}. Formats 1 and 2 (a
 * checkpoint layout of its own) are still read by {@link LegacyCheckpoint}. Written to a temporary file in the same
 * directory, then renamed over the target.
 */
final class Checkpoint {

    static final byte[] MAGIC = "RVQLMCKP".getBytes(StandardCharsets.US_ASCII);
    /** 3: a {@link TensorFile}; 2 and 1: read by {@link LegacyCheckpoint}, never written. */
    static final int FORMAT_VERSION = 3;

    static final String RVQLM_VERSION = "0.1.0";

    /** What a training run needs to continue exactly where it stopped. */
    record TrainingState(LmTraining config, int nextStep, AdamW.State optimizer) {}

    /**
     * The model header: shape, pattern ("" when none), tokenizer identity ("" when unknown), the longest sequence
     * trained on (0 when unknown), writer version.
     */
    record ModelHeader(LmConfig model, String pattern, String tokenizer, int trainedSteps, String rvqlm) {}

    /** The training header: run settings and the next optimizer step. */
    record TrainingHeader(LmTraining training, int nextStep) {}

    /** Format 3's header: the model's, and for a training checkpoint the run settings and both step counters. */
    record Header(ModelHeader model, Resume resume) {}

    /** The training part of format 3's header; null in a model-only file. */
    record Resume(LmTraining training, int nextStep, int adamStep) {}

    /** A loaded checkpoint: the model and, for a training checkpoint, its state. */
    record Loaded(LmModel model, TrainingState training) {}

    private Checkpoint() {}

    /** Writes {@code model} (and {@code training} when not null) to {@code path}, atomically. */
    static void write(Path path, LmModel model, TrainingState training) throws IOException {
        ModelHeader modelHeader = new ModelHeader(
                model.config(),
                model.patternSpec() == null ? "" : model.patternSpec().toString(),
                model.tokenizerId(),
                model.trainedSteps(),
                RVQLM_VERSION);
        Resume resume = training == null
                ? null
                : new Resume(
                        training.config(),
                        training.nextStep(),
                        training.optimizer().step());
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        List<Parameters.Param> params = model.params();
        for (Parameters.Param p : params) {
            tensors.put(p.name(), p.array().toFloatArray());
            shapes.put(p.name(), p.array().getShape().getShape());
        }
        if (training != null) {
            for (int i = 0; i < params.size(); i++) {
                long[] shape = params.get(i).array().getShape().getShape();
                tensors.put(
                        FIRST + params.get(i).name(),
                        training.optimizer().firstMoments().get(i));
                shapes.put(FIRST + params.get(i).name(), shape);
                tensors.put(
                        SECOND + params.get(i).name(),
                        training.optimizer().secondMoments().get(i));
                shapes.put(SECOND + params.get(i).name(), shape);
            }
        }
        ObjectNode header = LmJson.MAPPER.valueToTree(new Header(modelHeader, resume));
        AtomicFiles.replace(path, TensorFile.serialize(MAGIC, FORMAT_VERSION, header, tensors, shapes));
    }

    private static final String FIRST = "adam.m.";
    private static final String SECOND = "adam.v.";

    /**
     * Reads a checkpoint of format 3, 2 or 1.
     *
     * @throws IllegalArgumentException if the file is not a checkpoint, has another format version, or is corrupt;
     *                                  the message names the file's full path
     */
    static Loaded read(Path path) throws IOException {
        Path file = path.toAbsolutePath();
        byte[] bytes = InputFiles.readAllBytes(path);
        if (!TensorFile.hasMagic(bytes, MAGIC)) {
            throw new TensorFileException(file, "not an rvqlm model checkpoint (bad magic)");
        }
        int version = TensorFile.version(file, bytes, MAGIC.length);
        if (version == LegacyCheckpoint.JSON_HEADERS || version == LegacyCheckpoint.PROPERTIES_HEADERS) {
            return LegacyCheckpoint.read(file, bytes);
        }
        if (version != FORMAT_VERSION) {
            throw new TensorFileException(
                    file,
                    "checkpoint format version " + version + " is not supported; this rvqlm reads versions "
                            + LegacyCheckpoint.PROPERTIES_HEADERS + " to " + FORMAT_VERSION);
        }
        TensorFile.Contents contents = TensorFile.read(file, bytes, MAGIC.length);
        Header header;
        try {
            header = LmJson.MAPPER.treeToValue(contents.header(), Header.class);
        } catch (JsonProcessingException e) {
            throw new TensorFileException(file, "malformed header: " + e.getOriginalMessage());
        }
        if (header.model() == null || header.model().model() == null) {
            throw new TensorFileException(file, "malformed header: no model shape");
        }
        try {
            List<ParameterTable.Entry> expected =
                    LmModel.parameterTable(header.model().model()).entries();
            int count = expected.size() * (header.resume() == null ? 1 : 3);
            if (contents.tensors().size() != count) {
                throw new TensorFileException(
                        file, "holds " + contents.tensors().size() + " tensors; its header implies " + count);
            }
            List<float[]> values = tensors(file, contents, expected, "");
            TrainingState training = null;
            if (header.resume() != null) {
                Resume r = header.resume();
                AdamW.State optimizer = new AdamW.State(
                        r.adamStep(),
                        tensors(file, contents, expected, FIRST),
                        tensors(file, contents, expected, SECOND));
                training = new TrainingState(r.training(), r.nextStep(), optimizer);
            }
            return loaded(header.model(), values, training);
        } catch (TensorFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new TensorFileException(file, e.getMessage());
        }
    }

    /** The tensors {@code prefix + name} for every expected parameter, each of the parameter's shape. */
    private static List<float[]> tensors(
            Path file, TensorFile.Contents contents, List<ParameterTable.Entry> expected, String prefix) {
        List<float[]> values = new ArrayList<>();
        for (ParameterTable.Entry e : expected) {
            long[] shape = contents.shapes().get(prefix + e.name());
            if (shape == null || !Arrays.equals(shape, e.shape())) {
                throw new TensorFileException(
                        file,
                        "tensor " + prefix + e.name() + " is " + (shape == null ? "missing" : Arrays.toString(shape))
                                + "; its config implies " + Arrays.toString(e.shape()));
            }
            values.add(contents.tensors().get(prefix + e.name()));
        }
        return values;
    }

    /** The model a header and its parameter values describe, with its training state (null for a model file). */
    static Loaded loaded(ModelHeader header, List<float[]> values, TrainingState training) {
        LmModel model = LmModel.fromValues(header.model(), values);
        String pattern = header.pattern() == null ? "" : header.pattern();
        model.setPatternSpec(pattern.isEmpty() ? null : PatternSpec.parse(pattern));
        model.setTokenizerId(header.tokenizer());
        model.setTrainedSteps(header.trainedSteps());
        return new Loaded(model, training);
    }
}
