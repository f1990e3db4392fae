package dev.rvqlm.tokens;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files holding a 2-D integer array [K, T], written from the format specification
 * (numpy.lib.format): magic {@code \x93NUMPY}, version, a little-endian header length (2 bytes in v1, 4 in v2/v3),
 * an ASCII Python-dict header padded to a multiple of 64 bytes, then the raw data. Reads versions 1–3, dtypes int16
 * and int32 of either byte order, C or Fortran order; writes version 1.0, little-endian, C order. Plain Java, no
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
    private static final java.util.Set<String> KNOWN_KEYS = java.util.Set.of("descr", "fortran_order", "shape");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {}

    /** Reads a [K, T] int16/int32 array as int[K][T]. */
    public static int[][] read(Path file) throws IOException {
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
            throw new TokenFileException(file, "truncated: .npy header of " + headerLength + " bytes does not fit in "
                    + bytes.length + " bytes");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        checkKeys(header, file);
        String descr = find(DESCR, header, "descr", file);
        boolean fortran = find(FORTRAN, header, "fortran_order", file).equals("True");
        long[] shape = parseShape(find(SHAPE, header, "shape", file), file);
        if (shape.length != 2) {
            throw new TokenFileException(file, "token arrays must be 2-D [K, T], this one has shape " + shapeText(shape));
        }
        ByteOrder order;
        Dtype dtype;
        if (descr.length() != 3 || "<>|=".indexOf(descr.charAt(0)) < 0) {
            throw new TokenFileException(file, "wrong dtype '" + descr + "': token files hold int16 or int32");
        }
        order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String code = descr.substring(1);
        if (code.equals("i2")) {
            dtype = Dtype.INT16;
        } else if (code.equals("i4")) {
            dtype = Dtype.INT32;
        } else {
            throw new TokenFileException(file, "wrong dtype '" + descr + "': token files hold int16 or int32");
        }
        long rows = shape[0];
        long cols = shape[1];
        long count = rows * cols;
        long dataStart = headerStart + headerLength;
        long expected = dataStart + count * dtype.bytes;
        if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || expected > bytes.length) {
            throw new TokenFileException(file, "truncated: shape " + shapeText(shape) + " of " + descr + " needs "
                    + (expected - dataStart) + " data bytes, the file has " + (bytes.length - dataStart));
        }
        if (expected < bytes.length) {
            throw new TokenFileException(file, "corrupt: " + (bytes.length - expected) + " bytes after the data");
        }
        InputFiles.requireHeapFor(file, bytes.length, count * Integer.BYTES);
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) (count * dtype.bytes)).slice().order(order);
        int[][] out = new int[(int) rows][(int) cols];
        for (long i = 0; i < count; i++) {
            int v = dtype == Dtype.INT16 ? data.getShort((int) (i * 2)) : data.getInt((int) (i * 4));
            int r = (int) (fortran ? i % rows : i / cols);
            int c = (int) (fortran ? i / rows : i % cols);
            out[r][c] = v;
        }
        return out;
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
        String dict = "{'descr': '<" + dtype.code + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols
                + "), }";
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
                throw new TokenFileException(file, "corrupt .npy header: unknown key '" + m.group(1)
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
        return java.util.Arrays.copyOf(dims, n);
    }

    private static String shapeText(long[] shape) {
        return java.util.Arrays.toString(shape);
    }
}
