package dev.rvqlm.lm.fast;

/**
 * The element-wise arithmetic of one decoding step on plain float arrays: LayerNorm, exact GELU, softmax, axpy;
 * the matrix products are {@link Linear}'s. The hot loops run through {@link Lanes}.
 *
 * <pre>{@code
 * Kernels.layerNorm(x, 0, d, gamma, beta, h, 0);
 * Kernels.gelu(h, 0, f);                          // exact (erf) GELU, in place
 * Kernels.softmax(scores, 0, t);
 * }</pre>
 */
public final class Kernels {

    /** LayerNorm's ε, as PyTorch's default and the DJL model's. */
    public static final float LN_EPS = 1e-5f;

    /** 1/√2, GELU's scale inside erf. */
    static final double SQRT1_2 = Math.sqrt(0.5);

    /** Abramowitz and Stegun 7.1.26: p and a1…a5. */
    static final double ERF_P = 0.3275911;

    static final double[] ERF_A = {0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429};

    private Kernels() {}

    /** y[yOff…+n) += a · x[xOff…+n) (a {@link Lanes} loop). */
    public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        Lanes.BEST.axpy(a, x, xOff, y, yOff, n);
    }

    /**
     * {@code out[outOff…+d) = (x − mean) / √(var + ε) · weight + bias} over {@code x[off…+d)}, with the biased
     * variance as PyTorch's LayerNorm; the statistics are summed in double.
     */
    public static void layerNorm(float[] x, int off, int d, float[] weight, float[] bias, float[] out, int outOff) {
        double sum = 0;
        for (int i = 0; i < d; i++) {
            sum += x[off + i];
        }
        double mean = sum / d;
        double squares = 0;
        for (int i = 0; i < d; i++) {
            double c = x[off + i] - mean;
            squares += c * c;
        }
        float m = (float) mean;
        float inv = (float) (1.0 / Math.sqrt(squares / d + LN_EPS));
        for (int i = 0; i < d; i++) {
            out[outOff + i] = (x[off + i] - m) * inv * weight[i] + bias[i];
        }
    }

    /** Exact GELU, {@code x · ½(1 + erf(x/√2))}, in place over {@code a[off…+n)} (a {@link Lanes} loop). */
    public static void gelu(float[] a, int off, int n) {
        Lanes.BEST.gelu(a, off, n);
    }

    /**
     * The error function by Abramowitz and Stegun's formula 7.1.26 (absolute error below 1.5e-7, the approximation
     * PyTorch's vectorised CPU {@code erf} uses as well): {@code 1 − t·(a1 + t·(a2 + …))·e^(−x²)}, t = 1/(1 + p|x|).
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        double t = 1 / (1 + ERF_P * ax);
        double poly = t * (ERF_A[0] + t * (ERF_A[1] + t * (ERF_A[2] + t * (ERF_A[3] + t * ERF_A[4]))));
        double r = 1 - poly * Math.exp(-ax * ax);
        return x < 0 ? -r : r;
    }

    /** Softmax in place over {@code a[off…+n)} (max subtracted first, so no overflow; a {@link Lanes} loop). */
    public static void softmax(float[] a, int off, int n) {
        Lanes.BEST.softmax(a, off, n);
    }

    /** A [rows][cols] matrix as [cols][rows]. */
    public static float[] transpose(float[] w, int rows, int cols) {
        if ((long) rows * cols != w.length) {
            throw new IllegalArgumentException(
                    "a " + rows + "×" + cols + " matrix has " + (long) rows * cols + " values, got " + w.length);
        }
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }
}
