package dev.rvqlm.lm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the LM benchmarks time a piece of work, as the PyTorch yardstick does: warm-ups, then a budget of runs. */
final class Timing {

    private Timing() {}

    /**
     * Seconds of each timed run of {@code fn}: {@code warmup} untimed runs, then max(minRuns, min(maxRuns, budget /
     * t)) runs, t the last warm-up's time (without warm-up the first timed run sizes the count). Each timed run is
     * also measured by {@code load}.
     */
    static List<Double> timed(Runnable fn, double budget, int minRuns, int maxRuns, int warmup, MachineLoad load) {
        double tRef = 0;
        for (int i = 0; i < warmup; i++) {
            tRef = once(fn, null);
        }
        List<Double> times = new ArrayList<>();
        if (warmup == 0) {
            tRef = once(fn, load);
            times.add(tRef);
        }
        int runs = Math.max(minRuns, Math.min(maxRuns, (int) (budget / Math.max(tRef, 1e-9))));
        while (times.size() < runs) {
            times.add(once(fn, load));
        }
        return times;
    }

    /** Seconds of one run, measured by {@code load} when it is given. */
    static double once(Runnable fn, MachineLoad load) {
        if (load != null) {
            load.start();
        }
        long t0 = System.nanoTime();
        fn.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (load != null) {
            load.stop();
        }
        return seconds;
    }

    /** bench, runs, median_s, min_s, max_s. */
    static Map<String, Object> stats(String bench, List<Double> times) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("bench", bench);
        rec.put("runs", times.size());
        rec.put("median_s", round(median(times)));
        rec.put("min_s", round(min(times)));
        rec.put(
                "max_s",
                round(times.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        return rec;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** Six decimals (NaN and infinities as they are). */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }
}
