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
        IntArray array = decode(file.toString(), InputFiles.readAllBytes(file), false);
        if (array.rank() != 2) {
            throw new TokenFileException(
                    file, "token arrays must be 2-D [K, T], this one has shape " + Arrays.toString(array.shape()));
        }
        return array.matrix();
    }

    /**
     * Reads a [K, T] array of any integer dtype (int8..int64, uint8..uint64, either byte order, C or Fortran order)
     * as int[K][T], for importing arrays made elsewhere. Every value must fit in a Java int. Object arrays (pickled
     * Python objects) are refused: they are never unpickled.
     */
    public static int[][] readAnyInteger(Path file) throws IOException {
        IntArray array = readIntegers(file);
        if (array.rank() != 2) {
            throw new TokenFileException(
                    file, "token arrays must be 2-D [K, T], this one has shape " + Arrays.toString(array.shape()));
        }
        return array.matrix();
    }

    /** Reads an array of any rank and integer dtype, as {@link #readAnyInteger} does for 2-D ones. */
    public static IntArray readIntegers(Path file) throws IOException {
        return decode(file.toString(), InputFiles.readAllBytes(file), true);
    }

    /**
     * Decodes the bytes of a {@code .npy} (a file, or a member of an {@code .npz} archive) named {@code source} in
     * messages: int16/int32 only, or any integer dtype when {@code anyInteger}.
     */
    public static IntArray decode(String source, byte[] bytes, boolean anyInteger) {
        Header h = header(source, bytes);
        checkDtype(source, h.descr(), anyInteger);
        int width = h.descr().charAt(2) - '0';
        long count = 1;
        for (long d : h.shape()) {
            count *= d;
        }
        long dataBytes = bytes.length - h.dataStart();
        if (count > Integer.MAX_VALUE - 8 || count * width > dataBytes) {
            throw new TokenFileException(
                    source,
                    "truncated: shape " + shapeText(h.shape()) + " of " + h.descr() + " needs " + count * width
                            + " data bytes, the file has " + dataBytes);
        }
        if (count * width < dataBytes) {
            throw new TokenFileException(source, "corrupt: " + (dataBytes - count * width) + " bytes after the data");
        }
        InputFiles.requireHeapFor(Path.of(source), bytes.length, count * Integer.BYTES);
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) h.dataStart(), (int) (count * width))
                .slice()
                .order(h.descr().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        return IntegerData.decode(source, data, width, h.descr().charAt(1) == 'u', h.shape(), h.fortran());
    }

    /** A parsed header: dtype, order, shape, and where the data starts. */
    private record Header(String descr, boolean fortran, long[] shape, long dataStart) {}

    private static Header header(String source, byte[] bytes) {
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new TokenFileException(source, "not a NumPy .npy file (no \\x93NUMPY magic)");
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
                throw new TokenFileException(source, "truncated .npy header");
            }
            headerLength = Integer.toUnsignedLong(in.getInt(8));
            headerStart = 12;
        } else {
            throw new TokenFileException(source, ".npy format version " + major + " is not supported (1, 2 or 3)");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new TokenFileException(
                    source,
                    "truncated: .npy header of " + headerLength + " bytes does not fit in " + bytes.length + " bytes");
        }
        String header = new String(
                bytes,
                headerStart,
                (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        checkKeys(header, source);
        return new Header(
                find(DESCR, header, "descr", source),
                find(FORTRAN, header, "fortran_order", source).equals("True"),
                parseShape(find(SHAPE, header, "shape", source), source),
                headerStart + headerLength);
    }

    private static void checkDtype(String source, String descr, boolean anyInteger) {
        if (descr.length() >= 2 && descr.charAt(1) == 'O') {
            throw new TokenFileException(
                    source,
                    "dtype '" + descr + "' holds pickled Python objects, which are never "
                            + "read (unpickling can run code): save an integer array, e.g. np.save(f, codes.astype(np.int32))");
        }
        String expected = anyInteger ? "an integer dtype (int8..int64, uint8..uint64)" : "int16 or int32";
        if (descr.length() != 3
                || "<>|=".indexOf(descr.charAt(0)) < 0
                || "iu".indexOf(descr.charAt(1)) < 0
                || "1248".indexOf(descr.charAt(2)) < 0) {
            throw new TokenFileException(source, "wrong dtype '" + descr + "': expected " + expected);
        }
        if (!anyInteger
                && !descr.substring(1).equals("i2")
                && !descr.substring(1).equals("i4")) {
            throw new TokenFileException(
                    source,
                    "wrong dtype '" + descr + "': token files hold int16 or int32 "
                            + "(rvq tokens import reads any integer dtype)");
        }
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
    private static void checkKeys(String header, String file) {
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

    private static String find(Pattern pattern, String header, String key, String file) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new TokenFileException(file, "corrupt .npy header: no '" + key + "' in " + header.strip());
        }
        return m.group(1);
    }

    private static long[] parseShape(String text, String file) {
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
