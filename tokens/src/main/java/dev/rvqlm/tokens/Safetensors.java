package dev.rvqlm.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Safetensors files (Hugging Face's format for weights that loading cannot turn into code), read and written from
 * the format's specification: an unsigned little-endian int64 N, N bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into the data after the header) and an optional
 * {@code "__metadata__"} of strings, padded with spaces to a multiple of 8 bytes, then the little-endian tensor data.
 * Integer tensors read as {@link IntArray}, F32 ones as floats; float32 tensors are written.
 *
 * <pre>{@code
 * Safetensors file = Safetensors.read(Path.of("model.safetensors"));
 * float[] w = file.floats("layers.0.attn.qkv.weight");
 * }</pre>
 */
public final class Safetensors {

    /** The format's own limit on the header (100 MB). */
    static final long MAX_HEADER = 100_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tensor's directory entry: dtype name (I64, F32, ...), shape, and its bytes (little-endian). */
    public record Entry(String name, String dtype, long[] shape, ByteBuffer data) {}

    private final Path file;
    private final Map<String, String> metadata;
    private final Map<String, Entry> entries;

    private Safetensors(Path file, Map<String, String> metadata, Map<String, Entry> entries) {
        this.file = file;
        this.metadata = metadata;
        this.entries = entries;
    }

    /** Reads and checks a whole file (every tensor's offsets against its dtype, shape and the data's length). */
    public static Safetensors read(Path file) throws IOException {
        byte[] bytes = InputFiles.readAllBytes(file);
        if (bytes.length < 8) {
            throw new TokenFileException(file, "truncated: a safetensors file starts with an 8-byte header length");
        }
        long headerLength =
                ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > bytes.length - 8) {
            throw new TokenFileException(
                    file,
                    "not a safetensors file: header length " + Long.toUnsignedString(headerLength) + " in a file of "
                            + bytes.length + " bytes");
        }
        JsonNode header;
        try {
            header = JSON.readTree(bytes, 8, (int) headerLength);
        } catch (IOException e) {
            throw new TokenFileException(
                    file,
                    "not a safetensors file: its header is not JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (header == null || !header.isObject()) {
            throw new TokenFileException(file, "not a safetensors file: its header is not a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        Map<String, String> metadata = new LinkedHashMap<>();
        header.path("__metadata__")
                .fields()
                .forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("__metadata__")) {
                entries.add(entry(file, field.getKey(), field.getValue(), bytes, dataStart));
            }
        }
        entries.sort(Comparator.comparingInt(e -> e.data().arrayOffset()));
        Map<String, Entry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.name(), e));
        return new Safetensors(file, metadata, byName);
    }

    private static Entry entry(Path file, String name, JsonNode t, byte[] bytes, int dataStart) {
        String source = file + ":" + name;
        JsonNode shape = t.path("shape");
        JsonNode offsets = t.path("data_offsets");
        if (!t.path("dtype").isTextual() || !shape.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new TokenFileException(source, "corrupt header entry (needs dtype, shape, data_offsets)");
        }
        long[] dims = new long[shape.size()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asLong(-1);
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new TokenFileException(source, "corrupt shape " + shape);
            }
            count *= dims[i];
        }
        String dtype = t.get("dtype").asText();
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long dataLength = bytes.length - dataStart;
        int width = width(dtype);
        if (begin < 0 || end < begin || end > dataLength || (width > 0 && end - begin != count * width)) {
            throw new TokenFileException(
                    source,
                    "corrupt: data_offsets [" + begin + ", " + end + "] do not hold shape " + Arrays.toString(dims)
                            + " of " + dtype + " within the " + dataLength + " data bytes");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) (end - begin))
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new Entry(name, dtype, dims, data);
    }

    /** Bytes per element of the dtypes read here (0 for others, which are listed but not read). */
    private static int width(String dtype) {
        return switch (dtype) {
            case "I8", "U8", "BOOL" -> 1;
            case "I16", "U16", "F16", "BF16" -> 2;
            case "I32", "U32", "F32" -> 4;
            case "I64", "U64", "F64" -> 8;
            default -> 0;
        };
    }

    /** The {@code "__metadata__"} strings (empty when there are none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensors in data order, by name. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** A tensor by name; a missing one is an error listing the names there are. */
    public Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new TokenFileException(
                    file, "has no tensor named '" + name + "' (it has: " + String.join(", ", entries.keySet()) + ")");
        }
        return e;
    }

    /** An integer tensor (I8..I64, U8..U64); another dtype is an error naming the tensor. */
    public IntArray integers(String name) {
        Entry e = entry(name);
        String d = e.dtype();
        boolean integer = d.matches("[IU](8|16|32|64)");
        if (!integer) {
            throw new TokenFileException(
                    file + ":" + name,
                    "dtype " + d + " is not an integer type: tokens are integer codes (I8..I64, U8..U64); "
                            + "save codes.long(), or import one tensor with --tensor NAME");
        }
        InputFiles.requireHeapFor(file, e.data().remaining(), e.data().remaining() * 4L);
        return IntegerData.decode(file + ":" + name, e.data(), width(d), d.startsWith("U"), e.shape(), false);
    }

    /** A float32 tensor's values (C order); another dtype is an error naming the tensor. */
    public float[] floats(String name) {
        Entry e = entry(name);
        if (!e.dtype().equals("F32")) {
            throw new TokenFileException(file + ":" + name, "dtype " + e.dtype() + " where F32 (float32) is expected");
        }
        float[] out = new float[e.data().remaining() / 4];
        e.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /**
     * Float32 tensors as a safetensors file: tensors in the map's order, {@code metadata} (may be empty) as
     * {@code "__metadata__"}, the header padded with spaces to a multiple of 8 so that the data is aligned.
     */
    public static byte[] serialize(
            Map<String, float[]> tensors, Map<String, long[]> shapes, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
            long[] shape = shapes.get(e.getKey());
            if (shape == null || Arrays.stream(shape).reduce(1, (a, b) -> a * b) != e.getValue().length) {
                throw new IllegalStateException("tensor " + e.getKey() + " has " + e.getValue().length
                        + " values but shape " + Arrays.toString(shape));
            }
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            shape(t.putArray("shape"), shape);
            t.putArray("data_offsets").add(offset).add(offset + 4L * e.getValue().length);
            offset += 4L * e.getValue().length;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out =
                ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (float[] values : tensors.values()) {
            out.asFloatBuffer().put(values);
            out.position(out.position() + 4 * values.length);
        }
        return out.array();
    }

    private static void shape(ArrayNode array, long[] shape) {
        for (long d : shape) {
            array.add(d);
        }
    }
}
