package dev.rvqlm.tokenizer.shaping;

/** Element-wise power-law companding {@code y = sign(x)|x|^p} and its inverse {@code x = sign(y)|y|^(1/p)}. */
public final class PowerLawCompander {

    private PowerLawCompander() {}

    static void check(double exponent) {
        if (!(exponent > 0 && exponent <= 1)) {
            throw new IllegalArgumentException("power-law exponent must be in (0, 1], got " + exponent);
        }
    }

    /** Compands {@code x[from..from+n)} into {@code out[outFrom..)}, each value times {@code scale} first. */
    public static void compand(float[] x, int from, int n, double scale, double exponent, float[] out, int outFrom) {
        for (int i = 0; i < n; i++) {
            double v = x[from + i] * scale;
            out[outFrom + i] = (float) Math.copySign(Math.pow(Math.abs(v), exponent), v);
        }
    }

    /** Inverse of {@link #compand}: {@code out = sign(y)|y|^(1/exponent) / scale}. */
    public static void expand(float[] y, int from, int n, double scale, double exponent, float[] out, int outFrom) {
        double inv = 1.0 / exponent;
        for (int i = 0; i < n; i++) {
            double v = y[from + i];
            out[outFrom + i] = (float) (Math.copySign(Math.pow(Math.abs(v), inv), v) / scale);
        }
    }
}
