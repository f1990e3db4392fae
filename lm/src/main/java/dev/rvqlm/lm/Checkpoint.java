package dev.rvqlm.lm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.InputFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * The checkpoint file: a model (weights, {@link LmConfig}, pattern spec, tokenizer identity) and optionally the
 * training state (AdamW moments and step, next step, {@link LmTraining}; the data and dropout randomness is a pure
 * function of the seed and the step, so seed + step are the RNG state).
 *
 * <p>Layout (big-endian): magic {@code RVQLMCKP}, format version (int), header (length-prefixed UTF-8 JSON, {@link
 * ModelHeader}; format 1, still read, had Java properties text), tensor count,
 * then per tensor name, rank, dims and little-endian float32 data; a training flag and, if set, the training header ({@link TrainingHeader}),
 * AdamW step and the first and second moments per tensor; last a CRC-32 of everything before it. Written to a
 * temporary file in the same directory, then renamed over the target.
 */
final class Checkpoint {

    static final byte[] MAGIC = "RVQLMCKP".getBytes(StandardCharsets.US_ASCII);
    /** 2: JSON headers with {@link LmTraining}'s groups; 1: flat Java properties (read, never written). */
    static final int FORMAT_VERSION = 2;

    private static final int FORMAT_PROPERTIES = 1;
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

    /** A loaded checkpoint: the model and, for a training checkpoint, its state. */
    record Loaded(LmModel model, TrainingState training) {}

    private Checkpoint() {}

    /** Writes {@code model} (and {@code training} when not null) to {@code path}, atomically. */
    static void write(Path path, LmModel model, TrainingState training) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        writeText(
                out,
                LmJson.line(new ModelHeader(
                        model.config(),
                        model.patternSpec() == null ? "" : model.patternSpec().toString(),
                        model.tokenizerId(),
                        model.trainedSteps(),
                        RVQLM_VERSION)));
        List<Parameters.Param> params = model.params();
        out.writeInt(params.size());
        for (Parameters.Param p : params) {
            out.writeUTF(p.name());
            long[] shape = p.array().getShape().getShape();
            out.writeInt(shape.length);
            for (long dim : shape) {
                out.writeLong(dim);
            }
            writeFloats(out, p.array().toFloatArray());
        }
        out.writeBoolean(training != null);
        if (training != null) {
            writeText(out, LmJson.line(new TrainingHeader(training.config(), training.nextStep())));
            AdamW.State opt = training.optimizer();
            out.writeInt(opt.step());
            for (int i = 0; i < params.size(); i++) {
                writeFloats(out, opt.firstMoments().get(i));
                writeFloats(out, opt.secondMoments().get(i));
            }
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        AtomicFiles.replace(path, bytes.toByteArray());
    }

    /**
     * Reads a checkpoint (format 2, or format 1 with its properties headers).
     *
     * @throws IllegalArgumentException if the file is not a checkpoint, has another format version, or is corrupt;
     *                                  the message names the file's full path
     */
    static Loaded read(Path path) throws IOException {
        byte[] all = InputFiles.readAllBytes(path);
        String name = path.toAbsolutePath().toString();
        if (all.length < MAGIC.length + 12 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException(name + " is not an rvqlm model checkpoint (bad magic)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IllegalArgumentException(name + " is corrupt or truncated (checksum mismatch)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != FORMAT_VERSION && version != FORMAT_PROPERTIES) {
                throw new IllegalArgumentException(name + " has checkpoint format version " + version
                        + "; this rvqlm reads versions " + FORMAT_PROPERTIES + " and " + FORMAT_VERSION);
            }
            ModelHeader header = version == FORMAT_PROPERTIES
                    ? HeaderV1.model(readText(in))
                    : LmJson.MAPPER.readValue(readText(in), ModelHeader.class);
            if (header.model() == null) {
                throw new IllegalArgumentException("the header has no model shape");
            }
            LmConfig config = header.model();
            List<ParameterTable.Entry> expected = LmModel.parameterTable(config).entries();
            int count = in.readInt();
            if (count != expected.size()) {
                throw new IllegalArgumentException(
                        name + " holds " + count + " tensors; its config implies " + expected.size());
            }
            List<float[]> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String tensor = in.readUTF();
                long[] shape = new long[in.readInt()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                }
                ParameterTable.Entry e = expected.get(i);
                if (!tensor.equals(e.name()) || !Arrays.equals(shape, e.shape())) {
                    throw new IllegalArgumentException(name + ": tensor " + i + " is " + tensor + Arrays.toString(shape)
                            + ", expected " + e.name() + Arrays.toString(e.shape()));
                }
                values.add(readFloats(in));
            }
            TrainingState training = null;
            if (in.readBoolean()) {
                TrainingHeader t = version == FORMAT_PROPERTIES
                        ? HeaderV1.training(readText(in))
                        : LmJson.MAPPER.readValue(readText(in), TrainingHeader.class);
                if (t.training() == null) {
                    throw new IllegalArgumentException("the training header has no run settings");
                }
                int adamStep = in.readInt();
                List<float[]> m = new ArrayList<>();
                List<float[]> v = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    m.add(readFloats(in));
                    v.add(readFloats(in));
                }
                training = new TrainingState(t.training(), t.nextStep(), new AdamW.State(adamStep, m, v));
            }
            LmModel model = LmModel.fromValues(config, values);
            String pattern = header.pattern() == null ? "" : header.pattern();
            model.setPatternSpec(pattern.isEmpty() ? null : PatternSpec.parse(pattern));
            model.setTokenizerId(header.tokenizer());
            model.setTrainedSteps(header.trainedSteps());
            return new Loaded(model, training);
        } catch (EOFException e) {
            throw new IllegalArgumentException(name + " is truncated", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + " has a malformed header: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(name)) {
                throw e;
            }
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] data) throws IOException {
        out.writeInt(data.length);
        ByteBuffer buffer = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(data);
        out.write(buffer.array());
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IllegalArgumentException("negative tensor length " + n);
        }
        byte[] raw = in.readNBytes(n * 4);
        if (raw.length != n * 4) {
            throw new EOFException();
        }
        float[] data = new float[n];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return data;
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf.length);
        out.write(utf);
    }

    private static String readText(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IllegalArgumentException("implausible header length " + n);
        }
        byte[] utf = in.readNBytes(n);
        if (utf.length != n) {
            throw new EOFException();
        }
        return new String(utf, StandardCharsets.UTF_8);
    }

    /**
     * Format 1's headers: flat Java properties, one per record component (the training settings were one flat
     * record then; they are distributed into {@link LmTraining}'s groups by component name).
     */
    private static final class HeaderV1 {

        static ModelHeader model(String text) throws IOException {
            Map<String, String> p = properties(text);
            LmConfig config = LmJson.MAPPER.convertValue(pick(p, LmConfig.class), LmConfig.class);
            return new ModelHeader(
                    config,
                    p.getOrDefault("pattern", ""),
                    p.getOrDefault("tokenizer", ""),
                    0,
                    p.getOrDefault("rvqlm", ""));
        }

        static TrainingHeader training(String text) throws IOException {
            Map<String, String> p = properties(text);
            Map<String, Object> grouped = new LinkedHashMap<>();
            for (RecordComponent group : LmTraining.class.getRecordComponents()) {
                grouped.put(group.getName(), pick(p, group.getType()));
            }
            String next = p.get("nextStep");
            if (next == null) {
                throw new IllegalArgumentException("the training header has no nextStep");
            }
            return new TrainingHeader(LmJson.MAPPER.convertValue(grouped, LmTraining.class), Integer.parseInt(next));
        }

        private static Map<String, String> properties(String text) throws IOException {
            Properties p = new Properties();
            p.load(new StringReader(text));
            Map<String, String> map = new LinkedHashMap<>();
            p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
            return map;
        }

        /** The entries named by {@code type}'s record components; a missing one is a malformed header. */
        private static Map<String, String> pick(Map<String, String> p, Class<?> type) {
            Map<String, String> out = new LinkedHashMap<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                String v = p.get(rc.getName());
                if (v == null && rc.getType() == LmFamily.class) {
                    continue; // format 1 predates model families: interleaved
                }
                if (v == null) {
                    throw new IllegalArgumentException("the format-1 header has no " + rc.getName());
                }
                out.put(rc.getName(), v);
            }
            return out;
        }
    }
}
