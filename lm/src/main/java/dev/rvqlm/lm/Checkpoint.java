package dev.rvqlm.lm;

import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.patterns.PatternSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * The checkpoint file: a model (weights, {@link LmConfig}, pattern spec, tokenizer identity) and optionally the
 * training state (AdamW moments and step, next step, {@link TrainConfig}; the data and dropout randomness is a pure
 * function of the seed and the step, so seed + step are the RNG state).
 *
 * <p>Layout (big-endian): magic {@code RVQLMCKP}, format version (int), header (UTF properties text), tensor count,
 * then per tensor name, rank, dims and little-endian float32 data; a training flag and, if set, the training header,
 * AdamW step and the first and second moments per tensor; last a CRC-32 of everything before it. Written to a
 * temporary file in the same directory, then renamed over the target.
 */
final class Checkpoint {

    static final byte[] MAGIC = "RVQLMCKP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final String RVQLM_VERSION = "0.1.0";

    /** What a training run needs to continue exactly where it stopped. */
    record TrainingState(TrainConfig config, int nextStep, AdamW.State optimizer) {}

    /** A loaded checkpoint: the model and, for a training checkpoint, its state. */
    record Loaded(LmModel model, TrainingState training) {}

    private Checkpoint() {}

    /** Writes {@code model} (and {@code training} when not null) to {@code path}, atomically. */
    static void write(Path path, LmModel model, TrainingState training) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        LmConfig c = model.config();
        Properties header = properties(c);
        header.setProperty("pattern", model.patternSpec() == null ? "" : model.patternSpec().toString());
        header.setProperty("tokenizer", model.tokenizerId());
        header.setProperty("rvqlm", RVQLM_VERSION);
        writeText(out, header);
        List<LmModel.Param> params = model.params();
        out.writeInt(params.size());
        for (LmModel.Param p : params) {
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
            Properties t = properties(training.config());
            t.setProperty("nextStep", Integer.toString(training.nextStep()));
            writeText(out, t);
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
     * Reads a checkpoint.
     *
     * @throws IllegalArgumentException if the file is not a checkpoint, has another format version, or is corrupt
     */
    static Loaded read(Path path) throws IOException {
        byte[] all = dev.rvqlm.tokens.InputFiles.readAllBytes(path);
        String name = path.getFileName().toString();
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
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException(name + " has checkpoint format version " + version
                        + "; this rvqlm reads version " + FORMAT_VERSION);
            }
            Properties header = readText(in);
            LmConfig config = fromProperties(LmConfig.class, header);
            List<String> names = LmModel.parameterNames(config);
            List<long[]> shapes = LmModel.parameterShapes(config);
            int count = in.readInt();
            if (count != names.size()) {
                throw new IllegalArgumentException(name + " holds " + count + " tensors; its config implies "
                        + names.size());
            }
            List<float[]> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String tensor = in.readUTF();
                long[] shape = new long[in.readInt()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                }
                if (!tensor.equals(names.get(i)) || !Arrays.equals(shape, shapes.get(i))) {
                    throw new IllegalArgumentException(name + ": tensor " + i + " is " + tensor
                            + Arrays.toString(shape) + ", expected " + names.get(i) + Arrays.toString(shapes.get(i)));
                }
                values.add(readFloats(in));
            }
            TrainingState training = null;
            if (in.readBoolean()) {
                Properties t = readText(in);
                TrainConfig trainConfig = fromProperties(TrainConfig.class, t);
                int nextStep = Integer.parseInt(t.getProperty("nextStep"));
                int adamStep = in.readInt();
                List<float[]> m = new ArrayList<>();
                List<float[]> v = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    m.add(readFloats(in));
                    v.add(readFloats(in));
                }
                training = new TrainingState(trainConfig, nextStep, new AdamW.State(adamStep, m, v));
            }
            LmModel model = LmModel.fromValues(config, values);
            String pattern = header.getProperty("pattern", "");
            model.setPatternSpec(pattern.isEmpty() ? null : PatternSpec.parse(pattern));
            model.setTokenizerId(header.getProperty("tokenizer", ""));
            return new Loaded(model, training);
        } catch (EOFException e) {
            throw new IllegalArgumentException(name + " is truncated", e);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(name + " has a malformed header: " + e.getMessage(), e);
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

    private static void writeText(DataOutputStream out, Properties p) throws IOException {
        StringWriter text = new StringWriter();
        p.store(text, null);
        byte[] utf = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf.length);
        out.write(utf);
    }

    private static Properties readText(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IllegalArgumentException("implausible header length " + n);
        }
        byte[] utf = in.readNBytes(n);
        Properties p = new Properties();
        p.load(new StringReader(new String(utf, java.nio.charset.StandardCharsets.UTF_8)));
        return p;
    }

    /** A record's components as properties, by component name. */
    static Properties properties(Record record) {
        Properties p = new Properties();
        try {
            for (RecordComponent rc : record.getClass().getRecordComponents()) {
                p.setProperty(rc.getName(), String.valueOf(rc.getAccessor().invoke(record)));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    /** The inverse of {@link #properties}: int, long, double and enum components. */
    static <R extends Record> R fromProperties(Class<R> type, Properties p) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            String value = p.getProperty(rc.getName());
            if (value == null) {
                throw new IllegalArgumentException("missing " + rc.getName());
            }
            types[i] = rc.getType();
            args[i] = parse(rc.getType(), value);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> type, String value) {
        if (type == int.class) {
            return Integer.parseInt(value);
        } else if (type == long.class) {
            return Long.parseLong(value);
        } else if (type == double.class) {
            return Double.parseDouble(value);
        } else if (type.isEnum()) {
            return Enum.valueOf((Class<Enum>) type, value);
        } else if (type == String.class) {
            return value;
        }
        throw new IllegalStateException("unsupported component type " + type);
    }
}
