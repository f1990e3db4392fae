package dev.rvqlm.eval.results;

import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;

/**
 * Model {@code a} against model {@code b}, at the same size, on the same held-out windows: a's held-out bits/s minus
 * b's, with its paired-bootstrap 95% interval. Negative means a models the held-out data better.
 */
public record Comparison(ModelEntry a, ModelEntry b, ModelShape size, Interval difference) {

    /** The ordering this comparison supports: "a < b", "b < a", or empty when the interval includes 0. */
    public String ordering() {
        if (!difference.excludesZero()) {
            return "";
        }
        return difference.high() < 0 ? a + " < " + b : b + " < " + a;
    }

    /** The same comparison seen from b. */
    public Comparison reversed() {
        return new Comparison(b, a, size, new Interval(-difference.mean(), -difference.high(), -difference.low()));
    }
}
