package dev.rvqlm.tokens;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files holding a 2-D integer array [K, T], written from the format specification
 * (numpy.lib.format): magic {@code \x93NUMPY}, version, a little-endian header length (2 bytes in v1, 4 in v2/v3),
 * an ASCII Python-dict header padded to a multiple of 64 bytes, then the raw data. Reads versions 1–3, dtypes int16
 * and int32 (token files) or any integer dtype (imports), of either byte order, C or Fortran order; never object
 * (pickled) arrays; writes version 1.0, little-endian, C order. Plain Java, no
 * NDArray (DJL aborts on INT16 arrays).
 */
public final class NpyFile {

    /** Integer element types a token file may hold. */
    public enum Dtype {
        INT16("i2", 2),
        INT32("i4", 4);

        private final String code;
        private final int bytes;

        Dtype(String code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }

        /** The smallest type that holds codes in [0, n). */
        public static Dtype forCodebookSize(int n) {
            return n <= 32768 ? INT16 : INT32;
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern KEY = Pattern.compile("'([^']*)'\\s*:");
    private static final Set<String> KNOWN_KEYS = Set.of("descr", "fortran_order", "shape");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {}

    /** Reads a [K, T] int16/int32 array (what token directories hold) as int[K][T]. */
    public static int[][] read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * Reads a [K, T] array of any integer dtype (int8..int64, uint8..uint64, either byte order, C or Fortran order)
     * as int[K][T], for importing arrays made elsewhere. Every value must fit in a Java int. Object arrays (pickled
     * Python objects) are refused: they are never unpickled.
     */
    public static int[][] readAnyInteger(Path file) throws IOException {
        return read(file, true);
    }

    private static int[][] read(Path file, boolean anyInteger) throws IOException {
        byte[] bytes = InputFiles.readAllBytes(file);
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new TokenFileException(file, "not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6] & 0xFF;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(in.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new TokenFileException(file, "truncated .npy header");
            }
            headerLength = Integer.toUnsignedLong(in.getInt(8));
            headerStart = 12;
        } else {
            throw new TokenFileException(file, ".npy format version " + major + " is not supported (1, 2 or 3)");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new TokenFileException(
                    file,
                    "truncated: .npy header of " + headerLength + " bytes does not fit in " + bytes.length + " bytes");
        }
        String header = new String(
                bytes,
                headerStart,
                (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        checkKeys(header, file);
        String descr = find(DESCR, header, "descr", file);
        boolean fortran = find(FORTRAN, header, "fortran_order", file).equals("True");
        long[] shape = parseShape(find(SHAPE, header, "shape", file), file);
        if (descr.length() >= 2 && descr.charAt(1) == 'O') {
            throw new TokenFileException(
                    file,
                    "dtype '" + descr + "' holds pickled Python objects, which are never "
                            + "read (unpickling can run code): save an integer array, e.g. np.save(f, codes.astype(np.int32))");
        }
        String expected = anyInteger ? "an integer dtype (int8..int64, uint8..uint64)" : "int16 or int32";
        if (descr.length() != 3
                || "<>|=".indexOf(descr.charAt(0)) < 0
                || "iu".indexOf(descr.charAt(1)) < 0
                || "1248".indexOf(descr.charAt(2)) < 0) {
            throw new TokenFileException(file, "wrong dtype '" + descr + "': expected " + expected);
        }
        if (!anyInteger
                && !descr.substring(1).equals("i2")
                && !descr.substring(1).equals("i4")) {
            throw new TokenFileException(
                    file,
                    "wrong dtype '" + descr + "': token files hold int16 or int32 "
                            + "(rvq tokens import reads any integer dtype)");
        }
        if (shape.length != 2) {
            throw new TokenFileException(
                    file, "token arrays must be 2-D [K, T], this one has shape " + shapeText(shape));
        }
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean unsigned = descr.charAt(1) == 'u';
        int width = descr.charAt(2) - '0';
        long rows = shape[0];
        long cols = shape[1];
        long count = rows * cols;
        long dataStart = headerStart + headerLength;
        long expectedEnd = dataStart + count * width;
        if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || expectedEnd > bytes.length) {
            throw new TokenFileException(
                    file,
                    "truncated: shape " + shapeText(shape) + " of " + descr + " needs " + (expectedEnd - dataStart)
                            + " data bytes, the file has " + (bytes.length - dataStart));
        }
        if (expectedEnd < bytes.length) {
            throw new TokenFileException(file, "corrupt: " + (bytes.length - expectedEnd) + " bytes after the data");
        }
        InputFiles.requireHeapFor(file, bytes.length, count * Integer.BYTES);
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) (count * width))
                .slice()
                .order(order);
        int[][] out = new int[(int) rows][(int) cols];
        for (long i = 0; i < count; i++) {
            int r = (int) (fortran ? i % rows : i / cols);
            int c = (int) (fortran ? i / rows : i % cols);
            long v = element(data, (int) (i * width), width, unsigned);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE || (unsigned && width == 8 && v < 0)) {
                throw new TokenFileException(
                        file,
                        "value " + (unsigned && v < 0 ? Long.toUnsignedString(v) : Long.toString(v)) + " at [" + r
                                + ", " + c + "] is too large for a code");
            }
            out[r][c] = (int) v;
        }
        return out;
    }

    private static long element(ByteBuffer data, int offset, int width, boolean unsigned) {
        return switch (width) {
            case 1 -> unsigned ? Byte.toUnsignedLong(data.get(offset)) : data.get(offset);
            case 2 -> unsigned ? Short.toUnsignedLong(data.getShort(offset)) : data.getShort(offset);
            case 4 -> unsigned ? Integer.toUnsignedLong(data.getInt(offset)) : data.getInt(offset);
            default -> data.getLong(offset);
        };
    }

    /** Writes int[K][T] as a version 1.0, little-endian, C-order .npy file, atomically. */
    public static void write(Path file, int[][] values, Dtype dtype) throws IOException {
        AtomicFiles.replace(file, encode(values, dtype));
    }

    static byte[] encode(int[][] values, Dtype dtype) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalStateException("row " + r + " has " + values[r].length + " values, row 0 has " + cols);
            }
        }
        String dict =
                "{'descr': '<" + dtype.code + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + rows * cols * dtype.bytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int[] row : values) {
            for (int v : row) {
                if (dtype == Dtype.INT16) {
                    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                        throw new IllegalStateException("value " + v + " does not fit in int16");
                    }
                    out.putShort((short) v);
                } else {
                    out.putInt(v);
                }
            }
        }
        return out.array();
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** numpy refuses a header with keys other than these three, and so do we. */
    private static void checkKeys(String header, Path file) {
        Matcher m = KEY.matcher(header);
        while (m.find()) {
            if (!KNOWN_KEYS.contains(m.group(1))) {
                throw new TokenFileException(
                        file,
                        "corrupt .npy header: unknown key '" + m.group(1)
                                + "' (a .npy header holds only descr, fortran_order and shape)");
            }
        }
    }

    private static String find(Pattern pattern, String header, String key, Path file) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new TokenFileException(file, "corrupt .npy header: no '" + key + "' in " + header.strip());
        }
        return m.group(1);
    }

    private static long[] parseShape(String text, Path file) {
        String[] parts = text.split(",");
        int n = 0;
        long[] dims = new long[parts.length];
        for (String p : parts) {
            if (!p.isBlank()) {
                try {
                    dims[n++] = Long.parseLong(p.trim());
                } catch (NumberFormatException e) {
                    throw new TokenFileException(file, "corrupt .npy header: shape (" + text + ")");
                }
            }
        }
        return Arrays.copyOf(dims, n);
    }

    private static String shapeText(long[] shape) {
        return Arrays.toString(shape);
    }
}
