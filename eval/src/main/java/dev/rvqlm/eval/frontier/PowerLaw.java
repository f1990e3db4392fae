package dev.rvqlm.eval.frontier;

import java.util.List;

/**
 * A power law in compute, bits/s = a · FLOPs^(−b), fitted by least squares in log-log to the tail of an envelope. It
 * is used only to extrapolate beyond the measured compute, and everything it says is labelled as an extrapolation.
 *
 * @param logA ln a
 * @param b    the exponent (≥ 0 for an envelope that still falls)
 */
public record PowerLaw(double logA, double b) {

    /**
     * Fits the envelope {@code values} at {@code flops} over its last {@code decades} decades of compute (at least the
     * last two finite levels).
     */
    public static PowerLaw fitTail(List<Double> flops, double[] values, double decades) {
        double last = flops.get(flops.size() - 1);
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int i = flops.size() - 1; i >= 0; i--) {
            if (!Double.isFinite(values[i]) || values[i] <= 0) {
                break;
            }
            if (n >= 2 && Math.log10(last / flops.get(i)) > decades) {
                break;
            }
            double x = Math.log(flops.get(i));
            double y = Math.log(values[i]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            n++;
        }
        if (n < 2) {
            throw new IllegalArgumentException("a power-law fit needs at least two finite levels, got " + n);
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new PowerLaw((sy - slope * sx) / n, -slope);
    }

    /** The fitted bits/s at {@code flops}. */
    public double at(double flops) {
        return Math.exp(logA - b * Math.log(flops));
    }

    /** Where this law meets {@code other}, in FLOPs; +∞ when they are parallel in log-log. */
    public double meets(PowerLaw other) {
        if (b == other.b) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.exp((logA - other.logA) / (b - other.b));
    }
}
