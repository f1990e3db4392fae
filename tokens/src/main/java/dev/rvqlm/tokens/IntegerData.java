package dev.rvqlm.tokens;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Raw integer tensor data (what {@code .npy} files and safetensors hold) decoded into an {@link IntArray}: any width
 * of 1, 2, 4 or 8 bytes, signed or unsigned, in the buffer's byte order, C or Fortran order. Every value must fit in
 * a Java int.
 */
public final class IntegerData {

    private IntegerData() {}

    /**
     * @param source   what the data is, named in messages
     * @param data     exactly the tensor's bytes, in its byte order, positioned at 0
     * @param width    bytes per element: 1, 2, 4 or 8
     * @param unsigned whether the elements are unsigned
     * @param fortran  whether the first index varies fastest (numpy's Fortran order) rather than the last
     */
    public static IntArray decode(
            String source, ByteBuffer data, int width, boolean unsigned, long[] shape, boolean fortran) {
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (count * width != data.remaining()) {
            throw new IllegalStateException(source + ": " + data.remaining() + " bytes for " + count + " elements");
        }
        int[] values = new int[(int) count];
        long[] strides = strides(shape, fortran);
        long[] index = new long[shape.length];
        for (int i = 0; i < values.length; i++) { // i walks C order; the data's order may be Fortran
            long offset = 0;
            for (int d = 0; d < index.length; d++) {
                offset += index[d] * strides[d];
            }
            long v = element(data, (int) (offset * width), width, unsigned);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE || (unsigned && width == 8 && v < 0)) {
                throw new TokenFileException(
                        source,
                        "value " + (unsigned && v < 0 ? Long.toUnsignedString(v) : Long.toString(v)) + " at "
                                + Arrays.toString(index) + " is too large for a code");
            }
            values[i] = (int) v;
            for (int d = index.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return new IntArray(shape, values);
    }

    /** Element strides of the data's order: C (last index fastest) or Fortran (first index fastest). */
    private static long[] strides(long[] shape, boolean fortran) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int i = 0; i < shape.length; i++) {
            int d = fortran ? i : shape.length - 1 - i;
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    private static long element(ByteBuffer data, int offset, int width, boolean unsigned) {
        return switch (width) {
            case 1 -> unsigned ? Byte.toUnsignedLong(data.get(offset)) : data.get(offset);
            case 2 -> unsigned ? Short.toUnsignedLong(data.getShort(offset)) : data.getShort(offset);
            case 4 -> unsigned ? Integer.toUnsignedLong(data.getInt(offset)) : data.getInt(offset);
            default -> data.getLong(offset);
        };
    }
}
