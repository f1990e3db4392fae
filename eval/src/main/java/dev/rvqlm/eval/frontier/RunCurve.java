package dev.rvqlm.eval.frontier;

import java.util.List;

/**
 * One training run's validation quality against the compute spent on it: what the frontier is built from.
 *
 * @param pattern the pattern (or depth model) the run trained
 * @param size    its model size, e.g. {@code 128x2}
 * @param seed    its seed; the frontier's interval is over seeds
 * @param points  validations in training order, cumulative training FLOPs ascending
 */
public record RunCurve(String pattern, String size, long seed, List<Point> points) {

    /**
     * @param flops         cumulative training FLOPs when validated
     * @param bitsPerSecond validation NLL in bits per second of audio
     */
    public record Point(double flops, double bitsPerSecond) {}

    public RunCurve {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("run " + pattern + " " + size + " seed " + seed + " has no validation");
        }
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).flops() < points.get(i - 1).flops()) {
                throw new IllegalArgumentException(
                        "run " + pattern + " " + size + " seed " + seed + ": validation FLOPs must not decrease");
            }
        }
    }

    /** The best (lowest) bits/s among the validations made within {@code flops}; +∞ before the first one. */
    public double bestWithin(double flops) {
        double best = Double.POSITIVE_INFINITY;
        for (Point p : points) {
            if (p.flops() > flops) {
                break;
            }
            best = Math.min(best, p.bitsPerSecond());
        }
        return best;
    }

    /** Cumulative FLOPs of the last validation: how far this run went. */
    public double lastFlops() {
        return points.get(points.size() - 1).flops();
    }
}
