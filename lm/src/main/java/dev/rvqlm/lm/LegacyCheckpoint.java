package dev.rvqlm.lm;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
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
 * Reads checkpoints of formats 1 and 2, written before checkpoints became {@link dev.rvqlm.tokens.TensorFile}s.
 *
 * <p>Layout (big-endian): magic {@code RVQLMCKP}, format version (int), model header (length-prefixed UTF-8: JSON,
 * {@link Checkpoint.ModelHeader}, in format 2; Java properties text in format 1), tensor count, then per tensor
 * name, rank, dims and little-endian float32 data; a training flag and, if set, the training header ({@link
 * Checkpoint.TrainingHeader}), AdamW step and the first and second moments per tensor; last a CRC-32 of everything
 * before it.
 */
final class LegacyCheckpoint {

    /** Format 2: JSON headers with {@link LmTraining}'s groups. */
    static final int JSON_HEADERS = 2;
    /** Format 1: flat Java properties headers. */
    static final int PROPERTIES_HEADERS = 1;

    private LegacyCheckpoint() {}

    /**
     * Reads a format-2 (JSON headers) or format-1 (properties headers) checkpoint whose magic was checked.
     *
     * @throws IllegalArgumentException if the file is corrupt; the message names the file's full path
     */
    static Checkpoint.Loaded read(Path file, byte[] all) throws IOException {
        String name = file.toString();
        if (all.length < Checkpoint.MAGIC.length + 12) {
            throw new IllegalArgumentException(name + " is truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IllegalArgumentException(name + " is corrupt or truncated (checksum mismatch)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
            in.skipNBytes(Checkpoint.MAGIC.length);
            int version = in.readInt();
            Checkpoint.ModelHeader header = version == PROPERTIES_HEADERS
                    ? HeaderV1.model(readText(in))
                    : LmJson.MAPPER.readValue(readText(in), Checkpoint.ModelHeader.class);
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
            List<float[]> values = parameters(in, expected, name);
            Checkpoint.TrainingState training = null;
            if (in.readBoolean()) {
                Checkpoint.TrainingHeader t = version == PROPERTIES_HEADERS
                        ? HeaderV1.training(readText(in))
                        : LmJson.MAPPER.readValue(readText(in), Checkpoint.TrainingHeader.class);
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
                training = new Checkpoint.TrainingState(t.training(), t.nextStep(), new AdamW.State(adamStep, m, v));
            }
            return Checkpoint.loaded(header, values, training);
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

    /** The parameter tensors, each checked against the name and shape the config implies. */
    private static List<float[]> parameters(DataInputStream in, List<ParameterTable.Entry> expected, String name)
            throws IOException {
        List<float[]> values = new ArrayList<>();
        for (ParameterTable.Entry e : expected) {
            String tensor = in.readUTF();
            long[] shape = new long[in.readInt()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = in.readLong();
            }
            if (!tensor.equals(e.name()) || !Arrays.equals(shape, e.shape())) {
                throw new IllegalArgumentException(name + ": tensor " + values.size() + " is " + tensor
                        + Arrays.toString(shape) + ", expected " + e.name() + Arrays.toString(e.shape()));
            }
            values.add(readFloats(in));
        }
        return values;
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

        static Checkpoint.ModelHeader model(String text) throws IOException {
            Map<String, String> p = properties(text);
            LmConfig config = LmJson.MAPPER.convertValue(pick(p, LmConfig.class), LmConfig.class);
            return new Checkpoint.ModelHeader(
                    config,
                    p.getOrDefault("pattern", ""),
                    p.getOrDefault("tokenizer", ""),
                    0,
                    p.getOrDefault("rvqlm", ""));
        }

        static Checkpoint.TrainingHeader training(String text) throws IOException {
            Map<String, String> p = properties(text);
            Map<String, Object> grouped = new LinkedHashMap<>();
            for (RecordComponent group : LmTraining.class.getRecordComponents()) {
                grouped.put(group.getName(), pick(p, group.getType()));
            }
            String next = p.get("nextStep");
            if (next == null) {
                throw new IllegalArgumentException("the training header has no nextStep");
            }
            return new Checkpoint.TrainingHeader(
                    LmJson.MAPPER.convertValue(grouped, LmTraining.class), Integer.parseInt(next));
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
