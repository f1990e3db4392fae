package dev.rvqlm.patterns;

import java.util.Arrays;

/**
 * A gather from a flat source array into a [K][columns] target: {@code target[k][c] = source[index[k][c]]}, where
 * {@code index == fillIndex} means "no source cell" (the special token or a fill value). This is the reference's
 * scatter-index pair (indexes, mask), usable as-is for tensor gathers in other modules.
 *
 * @param index     [K][columns] flat indexes into the source, {@code fillIndex} where the mask is false
 * @param mask      [K][columns] true where the target cell comes from the source
 * @param fillIndex the index that stands for the fill value (= the source length)
 */
public record GatherIndex(int[][] index, boolean[][] mask, int fillIndex) {

    public int codebooks() {
        return index.length;
    }

    public int columns() {
        return index.length == 0 ? 0 : index[0].length;
    }

    /** Gathers from a [K][sourceColumns] int grid flattened k-major; cells without a source get {@code fill}. */
    public int[][] gather(int[][] source, int fill) {
        int sourceColumns = source.length == 0 ? 0 : source[0].length;
        int[][] out = new int[codebooks()][columns()];
        for (int k = 0; k < out.length; k++) {
            for (int c = 0; c < out[k].length; c++) {
                int flat = index[k][c];
                out[k][c] = flat == fillIndex ? fill : source[flat / sourceColumns][flat % sourceColumns];
            }
        }
        return out;
    }

    /** Gathers rows of V scores from a [K][sourceColumns][V] grid; cells without a source get {@code fill}. */
    public float[][][] gather(float[][][] source, float fill) {
        int sourceColumns = source.length == 0 ? 0 : source[0].length;
        int width = sourceColumns == 0 ? 0 : source[0][0].length;
        float[][][] out = new float[codebooks()][columns()][];
        for (int k = 0; k < out.length; k++) {
            for (int c = 0; c < out[k].length; c++) {
                int flat = index[k][c];
                if (flat == fillIndex) {
                    out[k][c] = new float[width];
                    Arrays.fill(out[k][c], fill);
                } else {
                    out[k][c] = source[flat / sourceColumns][flat % sourceColumns].clone();
                }
            }
        }
        return out;
    }

    /** A copy of the mask as 0/1 ints, the form the reference's tests print. */
    public int[][] maskAsInts() {
        int[][] out = new int[mask.length][];
        for (int k = 0; k < mask.length; k++) {
            out[k] = new int[mask[k].length];
            for (int c = 0; c < mask[k].length; c++) {
                out[k][c] = mask[k][c] ? 1 : 0;
            }
        }
        return out;
    }
}
