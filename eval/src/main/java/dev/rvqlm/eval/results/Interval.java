package dev.rvqlm.eval.results;

import java.util.Locale;

/**
 * A point estimate with its 95% interval.
 *
 * @param mean the estimate on the data as measured (mean over seeds)
 * @param low  2.5th percentile of the bootstrap distribution (or of the t interval)
 * @param high 97.5th percentile
 */
public record Interval(double mean, double low, double high) {

    public Interval {
        if (low > high) {
            throw new IllegalArgumentException("interval low " + low + " exceeds high " + high);
        }
    }

    /** An estimate without an interval (a single measurement). */
    public static Interval point(double value) {
        return new Interval(value, value, value);
    }

    /** True when the interval lies strictly on one side of 0. */
    public boolean excludesZero() {
        return low > 0 || high < 0;
    }

    /** {@code 812.3 [805.1, 820.0]}, or just the value when the interval is a point. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        if (high - low <= 1e-9 * Math.max(1, Math.abs(mean))) { // a point, up to rounding
            return String.format(Locale.ROOT, f, unsignedZero(mean, decimals));
        }
        return String.format(
                Locale.ROOT,
                f + " [" + f + ", " + f + "]",
                unsignedZero(mean, decimals),
                unsignedZero(low, decimals),
                unsignedZero(high, decimals));
    }

    /** 0 for values that print as zero, so no "-0.0" appears. */
    private static double unsignedZero(double value, int decimals) {
        return Math.abs(value) < 0.5 * Math.pow(10, -decimals) ? 0.0 : value;
    }

    /** Multiplies every figure by {@code factor} (> 0), e.g. bits/code to bits/s. */
    public Interval scaled(double factor) {
        return new Interval(mean * factor, low * factor, high * factor);
    }
}
