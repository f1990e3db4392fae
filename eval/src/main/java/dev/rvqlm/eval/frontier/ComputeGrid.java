package dev.rvqlm.eval.frontier;

import java.util.ArrayList;
import java.util.List;

/** The compute levels a frontier is evaluated at: log-spaced training FLOPs, ascending. */
public final class ComputeGrid {

    private ComputeGrid() {}

    /** {@code n} ≥ 2 levels from {@code min} to {@code max} (both > 0, min < max), evenly spaced in log FLOPs. */
    public static List<Double> logSpaced(double min, double max, int n) {
        if (!(min > 0) || !(max > min) || n < 2) {
            throw new IllegalArgumentException(
                    "a compute grid needs 0 < min < max and at least 2 levels, got " + min + ", " + max + ", " + n);
        }
        List<Double> levels = new ArrayList<>();
        double step = Math.log(max / min) / (n - 1);
        for (int i = 0; i < n; i++) {
            levels.add(i == n - 1 ? max : min * Math.exp(step * i));
        }
        return levels;
    }

    /**
     * The grid over a set of runs: from the latest first validation among them (where every run has a point, so every
     * envelope is defined) to the furthest any run went.
     */
    public static List<Double> over(List<RunCurve> runs, int n) {
        double from = 0;
        double to = 0;
        for (RunCurve r : runs) {
            from = Math.max(from, r.points().get(0).flops());
            to = Math.max(to, r.lastFlops());
        }
        return logSpaced(from, to, n);
    }
}
