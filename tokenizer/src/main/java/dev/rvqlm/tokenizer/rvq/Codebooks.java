package dev.rvqlm.tokenizer.rvq;

import java.util.Arrays;

/**
 * The K codebooks of a residual quantizer: stage k holds N codewords of dimension D, row-major ({@code [N][D]}
 * flattened). Immutable: arrays are copied in and out. {@link #decode} sums the chosen codewords of the first
 * stages, which is all a decoder needs.
 */
public final class Codebooks {

    private final int size;
    private final int dimension;
    private final float[][] stages;

    /** @param stages [K][N·D] codewords, copied */
    public Codebooks(int size, int dimension, float[][] stages) {
        if (size < 1 || dimension < 1 || stages.length < 1) {
            throw new IllegalArgumentException("codebooks need N >= 1, D >= 1, K >= 1; got N=" + size + ", D="
                    + dimension + ", K=" + stages.length);
        }
        this.size = size;
        this.dimension = dimension;
        this.stages = new float[stages.length][];
        for (int k = 0; k < stages.length; k++) {
            if (stages[k].length != size * dimension) {
                throw new IllegalStateException(
                        "codebook " + k + " has " + stages[k].length + " values, expected N*D = " + size * dimension);
            }
            this.stages[k] = stages[k].clone();
        }
    }

    /** K. */
    public int count() {
        return stages.length;
    }

    /** N. */
    public int size() {
        return size;
    }

    /** D. */
    public int dimension() {
        return dimension;
    }

    /** A copy of stage k's codewords, [N·D]. */
    public float[] stage(int k) {
        return stages[k].clone();
    }

    /** Read-only view for the quantizer's own use. */
    float[] stageView(int k) {
        return stages[k];
    }

    /**
     * Sum of the codewords chosen by the first {@code firstK} stages.
     *
     * @param codes [K'][T] with K' >= firstK; values in [0, N) (checked)
     * @return [T][D] vectors
     */
    public float[][] decode(int[][] codes, int firstK) {
        if (firstK < 1 || firstK > count() || firstK > codes.length) {
            throw new IllegalArgumentException("cannot decode with " + firstK + " codebooks: codes have K="
                    + codes.length + ", codec has K=" + count());
        }
        int frames = codes[0].length;
        float[][] out = new float[frames][dimension];
        for (int k = 0; k < firstK; k++) {
            if (codes[k].length != frames) {
                throw new IllegalArgumentException(
                        "codebook " + k + " has " + codes[k].length + " frames, codebook 0 has " + frames);
            }
            float[] book = stages[k];
            for (int t = 0; t < frames; t++) {
                int c = codes[k][t];
                if (c < 0 || c >= size) {
                    throw new IllegalArgumentException(
                            "code " + c + " at codebook " + k + ", frame " + t + " is out of range [0, " + size + ")");
                }
                float[] row = out[t];
                int base = c * dimension;
                for (int d = 0; d < dimension; d++) {
                    row[d] += book[base + d];
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Codebooks other
                && size == other.size
                && dimension == other.dimension
                && Arrays.deepEquals(stages, other.stages);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(stages);
    }
}
