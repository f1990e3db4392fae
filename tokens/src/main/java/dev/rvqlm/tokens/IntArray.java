package dev.rvqlm.tokens;

import java.util.Arrays;

/**
 * An integer array of any rank as a file held it (a {@code .npy}, an {@code .npz} member, a safetensors tensor): its
 * shape and its values in C order (last index fastest).
 *
 * @param shape  the dimensions, each ≥ 0; their product is the number of values
 * @param values the values, C order
 */
public record IntArray(long[] shape, int[] values) {

    public IntArray {
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + size + " values, not " + values.length);
        }
    }

    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i} (it fits in an int: the values do). */
    public int dim(int i) {
        return (int) shape[i];
    }

    /** The shape as numpy prints it, e.g. {@code (2, 4, 75)}. */
    public String shapeText() {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** A 2-D array as int[rows][cols]. */
    public int[][] matrix() {
        if (rank() != 2) {
            throw new IllegalStateException("matrix() of an array of shape " + shapeText());
        }
        int[][] out = new int[dim(0)][];
        for (int r = 0; r < out.length; r++) {
            out[r] = Arrays.copyOfRange(values, r * dim(1), (r + 1) * dim(1));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntArray a && Arrays.equals(shape, a.shape) && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "IntArray" + shapeText();
    }
}
