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

    public ResidualQuantizer(Codebooks codebooks) {
        this.codebooks = codebooks;
        this.manager = NDManager.newBaseManager();
        this.uploaded = new NDArray[codebooks.count()];
        for (int k = 0; k < uploaded.length; k++) {
            uploaded[k] =
                    NearestCodeSearch.upload(manager, codebooks.stageView(k), codebooks.size(), codebooks.dimension());
        }
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
                codes[k] = NearestCodeSearch.nearest(scratch, residual, frames, dim, uploaded[k]);
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
