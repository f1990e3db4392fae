package dev.rvqlm.tokens.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rvqlm.tokens.InputFiles;
import dev.rvqlm.tokens.IntArray;
import dev.rvqlm.tokens.IntegerData;
import dev.rvqlm.tokens.TokenFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Integer tensors of a safetensors file, read from the format's specification (Hugging Face's {@code safetensors}):
 * an unsigned little-endian int64 N, N bytes of UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape",
 * "data_offsets": [begin, end]}} (offsets into the data after the header; an optional {@code "__metadata__"} of
 * strings), then the little-endian tensor data. Integer dtypes I8..I64 and U8..U64 are read; a float or bool tensor
 * is refused by name. Nothing is executed: safetensors exist so that loading weights cannot run code.
 */
final class SafetensorsFile {

    /** The format's own limit on the header (100 MB). */
    static final long MAX_HEADER = 100_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsFile() {}

    /** A tensor's directory entry. */
    private record Entry(String name, String dtype, long[] shape, long begin, long end) {}

    /** Every tensor named in the file (or only {@code only} when not null), by name, in data order. */
    static Map<String, IntArray> read(Path file, String only) throws IOException {
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
        List<Entry> entries = entries(file, bytes, (int) headerLength);
        long dataLength = bytes.length - 8 - headerLength;
        Map<String, IntArray> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (only != null && !only.equals(e.name())) {
                continue;
            }
            String source = file + ":" + e.name();
            int width = width(source, e.dtype());
            long count = 1;
            for (long d : e.shape()) {
                count *= d;
            }
            if (e.begin() < 0 || e.end() < e.begin() || e.end() > dataLength || e.end() - e.begin() != count * width) {
                throw new TokenFileException(
                        source,
                        "corrupt: data_offsets [" + e.begin() + ", " + e.end() + "] do not hold shape "
                                + Arrays.toString(e.shape()) + " of " + e.dtype()
                                + " within the " + dataLength + " data bytes");
            }
            InputFiles.requireHeapFor(file, bytes.length, count * Integer.BYTES);
            ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + headerLength + e.begin()), (int) (count * width))
                    .slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            out.put(e.name(), IntegerData.decode(source, data, width, e.dtype().startsWith("U"), e.shape(), false));
        }
        if (only != null && out.isEmpty()) {
            throw new TokenFileException(
                    file,
                    "has no tensor named '" + only + "' (it has: "
                            + String.join(
                                    ", ", entries.stream().map(Entry::name).toList()) + ")");
        }
        return out;
    }

    private static List<Entry> entries(Path file, byte[] bytes, int headerLength) {
        JsonNode header;
        try {
            header = JSON.readTree(bytes, 8, headerLength);
        } catch (IOException e) {
            throw new TokenFileException(
                    file,
                    "not a safetensors file: its header is not JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (header == null || !header.isObject()) {
            throw new TokenFileException(file, "not a safetensors file: its header is not a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = field.getValue();
            JsonNode shape = t.path("shape");
            JsonNode offsets = t.path("data_offsets");
            if (!t.path("dtype").isTextual() || !shape.isArray() || !offsets.isArray() || offsets.size() != 2) {
                throw new TokenFileException(
                        file + ":" + field.getKey(), "corrupt header entry (needs dtype, shape, data_offsets)");
            }
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).asLong(-1);
                if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                    throw new TokenFileException(file + ":" + field.getKey(), "corrupt shape " + shape);
                }
            }
            entries.add(new Entry(
                    field.getKey(),
                    t.get("dtype").asText(),
                    dims,
                    offsets.get(0).asLong(-1),
                    offsets.get(1).asLong(-1)));
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        return entries;
    }

    /** Bytes per element of an integer dtype; other dtypes are refused, naming the tensor. */
    private static int width(String source, String dtype) {
        return switch (dtype) {
            case "I8", "U8" -> 1;
            case "I16", "U16" -> 2;
            case "I32", "U32" -> 4;
            case "I64", "U64" -> 8;
            default ->
                throw new TokenFileException(
                        source,
                        "dtype " + dtype + " is not an integer type: tokens are integer codes (I8..I64, U8..U64); "
                                + "save codes.long(), or import one tensor with --tensor NAME");
        };
    }
}
