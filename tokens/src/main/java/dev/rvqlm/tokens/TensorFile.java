package dev.rvqlm.tokens;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * rvqlm's one file format for tensors: a self-describing file of named float32 tensors (big-endian), used by codec
 * files (version 2), learned-codec checkpoints and LM checkpoints (format 3). Each user keeps its own magic, version
 * and header fields:
 * <pre>
 *   8 bytes   magic
 *   int32     format version
 *   int32     header length L, then L bytes of UTF-8 JSON: the caller's fields plus "tensors": [{name, shape}, ...]
 *   float32   every tensor's values, in the header's order
 *   int64     CRC-32 of every byte before it
 * </pre>
 * Reading checks each part (sizes against the header before anything is allocated, then the checksum) and names the
 * file and the problem ({@link TensorFileException}).
 */
public final class TensorFile {

    public static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A file's header (without the tensor directory) and its tensors in file order. */
    public record Contents(int version, JsonNode header, Map<String, float[]> tensors, Map<String, long[]> shapes) {}

    private TensorFile() {}

    public static byte[] serialize(
            byte[] magic, int version, Object header, Map<String, float[]> tensors, Map<String, long[]> shapes) {
        try {
            ObjectNode node = header instanceof ObjectNode given ? given.deepCopy() : JSON.valueToTree(header);
            ArrayNode directory = node.putArray("tensors");
            for (Map.Entry<String, float[]> e : tensors.entrySet()) {
                long[] shape = shapes.get(e.getKey());
                if (shape == null || Arrays.stream(shape).reduce(1, (a, b) -> a * b) != e.getValue().length) {
                    throw new IllegalStateException("tensor " + e.getKey() + " has " + e.getValue().length
                            + " values but shape " + Arrays.toString(shape));
                }
                ObjectNode entry = directory.addObject();
                entry.put("name", e.getKey());
                ArrayNode dims = entry.putArray("shape");
                for (long d : shape) {
                    dims.add(d);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(magic);
            out.writeInt(version);
            byte[] json = JSON.writeValueAsBytes(node);
            out.writeInt(json.length);
            out.write(json);
            ByteBuffer buffer = ByteBuffer.allocate(4 * 65536);
            for (float[] values : tensors.values()) {
                for (float v : values) {
                    if (!buffer.hasRemaining()) {
                        out.write(buffer.array(), 0, buffer.position());
                        buffer.clear();
                    }
                    buffer.putFloat(v);
                }
            }
            out.write(buffer.array(), 0, buffer.position());
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("serialising tensors in memory failed", e);
        }
    }

    /** Whether {@code bytes} start with {@code magic}. */
    public static boolean hasMagic(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length && Arrays.equals(Arrays.copyOf(bytes, magic.length), magic);
    }

    /** The format version after the magic of bytes already checked for it. */
    public static int version(Path file, byte[] bytes, int magicLength) throws TensorFileException {
        if (bytes.length < magicLength + 4) {
            throw new TensorFileException(file, "truncated: the file ends inside the header");
        }
        return ByteBuffer.wrap(bytes, magicLength, 4).getInt();
    }

    /** The JSON header of bytes already checked for their magic (with the tensor directory). */
    public static JsonNode header(Path file, byte[] bytes, int magicLength) throws TensorFileException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(magicLength);
        try {
            in.getInt();
            int headerLength = in.getInt();
            if (headerLength < 2 || headerLength > in.remaining()) {
                throw new TensorFileException(
                        file,
                        "truncated or corrupt: header length " + headerLength + " but " + in.remaining()
                                + " bytes follow");
            }
            try {
                return JSON.readTree(bytes, in.position(), headerLength);
            } catch (IOException e) {
                throw new TensorFileException(
                        file,
                        "corrupt header (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        } catch (BufferUnderflowException e) {
            throw new TensorFileException(file, "truncated: the file ends inside the header");
        }
    }

    /** Reads bytes already checked for their magic (the version is read and returned, not checked). */
    public static Contents read(Path file, byte[] bytes, int magicLength) throws TensorFileException {
        JsonNode header = header(file, bytes, magicLength);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(magicLength);
        try {
            int version = in.getInt();
            in.position(in.getInt() + in.position());
            JsonNode directory = header.get("tensors");
            if (directory == null || !directory.isArray()) {
                throw new TensorFileException(file, "corrupt header: no tensor directory");
            }
            Map<String, long[]> shapes = new LinkedHashMap<>();
            long values = 0;
            for (JsonNode entry : directory) {
                long[] shape = new long[entry.path("shape").size()];
                long size = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = entry.path("shape").get(i).asLong();
                    if (shape[i] < 0 || shape[i] > Integer.MAX_VALUE) {
                        throw new TensorFileException(
                                file,
                                "corrupt header: tensor " + entry.path("name").asText() + " has dimension " + shape[i]);
                    }
                    size *= shape[i];
                }
                if (size > Integer.MAX_VALUE) {
                    throw new TensorFileException(
                            file, "corrupt header: tensor " + entry.path("name").asText() + " is too large");
                }
                shapes.put(entry.path("name").asText(), shape);
                values += size;
            }
            checkLength(file, bytes, in.position(), values);
            Map<String, float[]> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                float[] v = new float[(int) Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b)];
                in.asFloatBuffer().get(v);
                in.position(in.position() + 4 * v.length);
                tensors.put(e.getKey(), v);
            }
            checkCrc(file, bytes, in.position(), in.getLong());
            ((ObjectNode) header).remove("tensors");
            return new Contents(version, header, tensors, shapes);
        } catch (BufferUnderflowException e) {
            throw new TensorFileException(file, "truncated: the file ends inside the header");
        }
    }

    /** A payload of {@code values} float32 and an int64 CRC must follow the header, which ends at {@code at}. */
    public static void checkLength(Path file, byte[] bytes, int at, long values) {
        long expected = (long) at + 4 * values + 8;
        if (bytes.length < expected) {
            throw new TensorFileException(
                    file, "truncated: " + bytes.length + " bytes, the header promises " + expected);
        }
        if (bytes.length > expected) {
            throw new TensorFileException(
                    file, "corrupt: " + (bytes.length - expected) + " unexpected bytes at the end");
        }
    }

    /** The CRC-32 of the bytes before {@code payloadEnd} must be {@code stored}. */
    public static void checkCrc(Path file, byte[] bytes, int payloadEnd, long stored) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, payloadEnd);
        if (crc.getValue() != stored) {
            throw new TensorFileException(file, "corrupt: checksum mismatch (the file was changed or damaged)");
        }
    }

    /** Reads a file with the given magic; a different magic is "not a ... file". */
    public static Contents read(Path file, byte[] magic, String what) throws IOException {
        byte[] bytes = InputFiles.readAllBytes(file);
        if (!hasMagic(bytes, magic)) {
            throw new TensorFileException(
                    file, "not " + what + " (no " + new String(magic, StandardCharsets.US_ASCII) + " magic)");
        }
        return read(file, bytes, magic.length);
    }
}
