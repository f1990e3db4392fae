package dev.rvqlm.tokenizer.rvq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Batched nearest-codeword search by {@code argmin_n ||x||² − 2x·c_n + ||c_n||²} as one matrix product on DJL
 * (BLAS), not Java loops over codes. The ‖x‖² term does not change the argmin, so each row {@code x} is augmented
 * to {@code [−2x, 1]} and each codeword to {@code [c, ‖c‖²]}: distances are a single (T, D+1)·(D+1, N) product.
 */
public final class NearestCodeSearch {

    private NearestCodeSearch() {}

    /** Codebook [N·D] as the (N, D+1) augmented matrix {@code [c, ‖c‖²]}, row-major. */
    public static float[] augmentCodebook(float[] codebook, int size, int dimension) {
        float[] aug = new float[size * (dimension + 1)];
        for (int n = 0; n < size; n++) {
            double norm = 0;
            int src = n * dimension;
            int dst = n * (dimension + 1);
            for (int d = 0; d < dimension; d++) {
                float v = codebook[src + d];
                aug[dst + d] = v;
                norm += (double) v * v;
            }
            aug[dst + dimension] = (float) norm;
        }
        return aug;
    }

    /**
     * The augmented codebook as a contiguous (D+1, N) NDArray in {@code manager}, ready for {@link #nearest}
     * (transposed in Java so the product is a plain row-major GEMM).
     */
    public static NDArray upload(NDManager manager, float[] codebook, int size, int dimension) {
        float[] aug = augmentCodebook(codebook, size, dimension);
        int cols = dimension + 1;
        float[] transposed = new float[aug.length];
        for (int n = 0; n < size; n++) {
            for (int d = 0; d < cols; d++) {
                transposed[d * size + n] = aug[n * cols + d];
            }
        }
        return manager.create(transposed, new Shape(cols, size));
    }

    /**
     * Index of the nearest codeword for each of the T rows of {@code rows} ([T·D], row-major).
     *
     * @param scratch  a manager the temporaries go to (closed by the caller)
     * @param augmentedT the result of {@link #upload}
     */
    public static int[] nearest(NDManager scratch, float[] rows, int frames, int dimension, NDArray augmentedT) {
        if (frames == 0) {
            return new int[0];
        }
        // The argmin runs in Java on the copied-out distances: PyTorch's single-threaded argMin over rows of N
        // floats took about a fifth of encoding time, a plain loop a small fraction of that.
        float[] d =
                partialDistances(scratch, rows, frames, dimension, augmentedT).toFloatArray();
        int size = d.length / frames;
        int[] out = new int[frames];
        for (int t = 0; t < frames; t++) {
            int base = t * size;
            int best = 0;
            float min = d[base];
            for (int n = 1; n < size; n++) {
                if (d[base + n] < min) {
                    min = d[base + n];
                    best = n;
                }
            }
            out[t] = best;
        }
        return out;
    }

    /**
     * Squared distances from each of the T rows to every codeword, [T·N] row-major (for sampling among near codes).
     */
    public static float[] distances(NDManager scratch, float[] rows, int frames, int dimension, NDArray augmentedT) {
        float[] d =
                partialDistances(scratch, rows, frames, dimension, augmentedT).toFloatArray();
        int size = d.length / Math.max(1, frames);
        for (int t = 0; t < frames; t++) {
            double norm = 0;
            for (int i = 0; i < dimension; i++) {
                norm += (double) rows[t * dimension + i] * rows[t * dimension + i];
            }
            for (int n = 0; n < size; n++) {
                d[t * size + n] = (float) Math.max(0, d[t * size + n] + norm);
            }
        }
        return d;
    }

    /** ‖c‖² − 2x·c for every (row, codeword): (T, N). */
    private static NDArray partialDistances(
            NDManager scratch, float[] rows, int frames, int dimension, NDArray augmentedT) {
        float[] aug = new float[frames * (dimension + 1)];
        for (int t = 0; t < frames; t++) {
            int src = t * dimension;
            int dst = t * (dimension + 1);
            for (int d = 0; d < dimension; d++) {
                aug[dst + d] = -2 * rows[src + d];
            }
            aug[dst + dimension] = 1;
        }
        NDArray x = scratch.create(aug, new Shape(frames, dimension + 1));
        return x.matMul(augmentedT);
    }
}
