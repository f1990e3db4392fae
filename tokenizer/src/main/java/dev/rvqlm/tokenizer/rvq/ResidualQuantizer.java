package dev.rvqlm.tokenizer.rvq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Encoding with fixed {@link Codebooks}: stage k picks the codeword nearest to the residual left by stages
 * 0..k-1 (greedy residual vector quantization, SoundStream's Algorithm 1). The codebooks live on a DJL manager
 * owned by this object; {@link #encode} is pure and thread-safe (temporaries go to a child manager per call).
 */
public final class ResidualQuantizer implements AutoCloseable {

    private final Codebooks codebooks;
    private final NDManager manager;
    private final NDArray[] uploaded;
    private final int[] from;
    private final int[] width;

    public ResidualQuantizer(Codebooks codebooks) {
        this(codebooks, null, null);
    }

    /**
     * Stage k searches only the columns {@code [from[k], to[k])} of the vectors: its codewords are zero elsewhere, so
     * the nearest codeword there is the nearest overall, found at the cost of the part's width.
     */
    public ResidualQuantizer(Codebooks codebooks, int[] from, int[] to) {
        int k = codebooks.count();
        int dim = codebooks.dimension();
        this.codebooks = codebooks;
        this.from = new int[k];
        this.width = new int[k];
        for (int s = 0; s < k; s++) {
            this.from[s] = from == null ? 0 : from[s];
            this.width[s] = from == null ? dim : to[s] - from[s];
            if (this.from[s] < 0 || this.width[s] < 1 || this.from[s] + this.width[s] > dim) {
                throw new IllegalArgumentException("stage " + s + " searches columns outside [0, " + dim + ")");
            }
        }
        this.manager = NDManager.newBaseManager();
        this.uploaded = new NDArray[k];
        for (int s = 0; s < k; s++) {
            uploaded[s] = NearestCodeSearch.upload(
                    manager, part(codebooks.stageView(s), codebooks.size(), s), codebooks.size(), width[s]);
        }
    }

    /** Columns of stage k's part of {@code rows} rows of full vectors. */
    private float[] part(float[] full, int rows, int k) {
        int dim = codebooks.dimension();
        if (width[k] == dim) {
            return full;
        }
        float[] out = new float[rows * width[k]];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(full, r * dim + from[k], out, r * width[k], width[k]);
        }
        return out;
    }

    public Codebooks codebooks() {
        return codebooks;
    }

    /**
     * Codes of the first {@code stages} codebooks for T vectors.
     *
     * @param vectors [T][D]
     * @return [stages][T] codes in [0, N)
     */
    public int[][] encode(float[][] vectors, int stages) {
        return encodeWithResidual(vectors, stages).codes();
    }

    /** All K stages. */
    public int[][] encode(float[][] vectors) {
        return encode(vectors, codebooks.count());
    }

    /** Codes plus the mean squared residual after each stage (per vector element). */
    public Encoded encodeWithResidual(float[][] vectors, int stages) {
        if (stages < 1 || stages > codebooks.count()) {
            throw new IllegalArgumentException("stages must be in [1, " + codebooks.count() + "], got " + stages);
        }
        int dim = codebooks.dimension();
        int frames = vectors.length;
        float[] residual = new float[frames * dim];
        for (int t = 0; t < frames; t++) {
            if (vectors[t].length != dim) {
                throw new IllegalStateException(
                        "vector " + t + " has " + vectors[t].length + " values, the codebooks D=" + dim);
            }
            System.arraycopy(vectors[t], 0, residual, t * dim, dim);
        }
        int[][] codes = new int[stages][];
        double[] mse = new double[stages];
        try (NDManager scratch = manager.newSubManager()) {
            for (int k = 0; k < stages; k++) {
                codes[k] = NearestCodeSearch.nearest(scratch, part(residual, frames, k), frames, width[k], uploaded[k]);
                mse[k] = subtract(residual, codes[k], codebooks.stageView(k), dim) / Math.max(1, (double) frames * dim);
            }
        }
        return new Encoded(codes, mse);
    }

    /** residual[t] -= book[code[t]]; returns the remaining squared norm summed over all rows. */
    public static double subtract(float[] residual, int[] code, float[] book, int dim) {
        double total = 0;
        for (int t = 0; t < code.length; t++) {
            int r = t * dim;
            int c = code[t] * dim;
            for (int d = 0; d < dim; d++) {
                float v = residual[r + d] - book[c + d];
                residual[r + d] = v;
                total += (double) v * v;
            }
        }
        return total;
    }

    /** @param codes [K][T]; @param residualMse mean squared residual element after each stage */
    public record Encoded(int[][] codes, double[] residualMse) {}

    @Override
    public void close() {
        manager.close();
    }
}
