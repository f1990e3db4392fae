package dev.rvqlm.eval.stats;

/**
 * Pattern {@code a} against pattern {@code b} on the same held-out windows: a's held-out bits/s minus b's, with its
 * paired-bootstrap 95% interval. Negative means a models the held-out data better.
 */
public record Comparison(String a, String b, Interval difference) {

    /** The ordering this comparison supports: "a < b", "b < a", or empty when the interval includes 0. */
    public String ordering() {
        if (!difference.excludesZero()) {
            return "";
        }
        return difference.high() < 0 ? a + " < " + b : b + " < " + a;
    }

    /** The same comparison seen from b. */
    public Comparison reversed() {
        return new Comparison(b, a, new Interval(-difference.mean(), -difference.high(), -difference.low()));
    }
}
