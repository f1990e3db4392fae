package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.RunSpec;
import dev.rvqlm.eval.results.ValidationPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Quality against compute: for each pattern, the best validation bits/s reached with at most a given amount of
 * training compute (FLOPs or wall seconds), averaged over seeds. A run that stopped early keeps its best model, so
 * its curve stays flat after its last validation. The headline says which pattern leads at each compute level.
 */
public final class ComputeCurves {

    /** One pattern's curve: compute levels and the mean over seeds of the best validation bits/s so far. */
    public record Curve(String label, double[] compute, double[] bitsPerSecond) {}

    private ComputeCurves() {}

    /** Curves against training FLOPs. */
    public static List<Curve> byFlops(List<RunResult> runs, double codesPerSecond) {
        return curves(runs, codesPerSecond, ValidationPoint::flops);
    }

    /** Curves against training wall seconds. */
    public static List<Curve> bySeconds(List<RunResult> runs, double codesPerSecond) {
        return curves(runs, codesPerSecond, ValidationPoint::seconds);
    }

    static List<Curve> curves(List<RunResult> runs, double codesPerSecond, ToDoubleFunction<ValidationPoint> x) {
        Function<RunSpec, String> label = RunLabels.of(runs);
        Map<String, List<RunResult>> byPattern = new LinkedHashMap<>();
        for (RunResult r : runs) {
            if (!r.training().selection().curve().isEmpty()) {
                byPattern
                        .computeIfAbsent(label.apply(r.run()), p -> new ArrayList<>())
                        .add(r);
            }
        }
        List<Curve> curves = new ArrayList<>();
        for (var entry : byPattern.entrySet()) {
            TreeSet<Double> levels = new TreeSet<>();
            for (RunResult r : entry.getValue()) {
                r.training().selection().curve().forEach(v -> levels.add(x.applyAsDouble(v)));
            }
            double[] compute = levels.stream().mapToDouble(Double::doubleValue).toArray();
            double[] bits = new double[compute.length];
            for (int i = 0; i < compute.length; i++) {
                double sum = 0;
                int n = 0;
                for (RunResult r : entry.getValue()) {
                    double best = bestWithin(r.training().selection().curve(), x, compute[i]);
                    if (Double.isFinite(best)) {
                        sum += best;
                        n++;
                    }
                }
                bits[i] = n == entry.getValue().size() ? sum / n * codesPerSecond : Double.NaN;
            }
            curves.add(new Curve(entry.getKey(), compute, bits));
        }
        return curves;
    }

    private static double bestWithin(List<ValidationPoint> curve, ToDoubleFunction<ValidationPoint> x, double level) {
        double best = Double.POSITIVE_INFINITY;
        for (ValidationPoint v : curve) {
            if (x.applyAsDouble(v) <= level * (1 + 1e-9)) {
                best = Math.min(best, v.bitsPerCode());
            }
        }
        return best;
    }

    /**
     * Which pattern leads (lowest validation bits/s) at each compute level from where every pattern has a value up
     * to the largest level every pattern reached (no pattern is credited for compute it never got), with runs of
     * the same leader merged: e.g. "delay leads from 1.2e+12 to 6.0e+12 FLOPs; flatten from 1.2e+13 on".
     */
    public static String leaders(List<Curve> curves, String unit) {
        if (curves.size() < 2) {
            return "";
        }
        TreeSet<Double> levels = new TreeSet<>();
        for (Curve c : curves) {
            for (double v : c.compute()) {
                levels.add(v);
            }
        }
        double reachedByAll = Double.POSITIVE_INFINITY;
        for (Curve c : curves) {
            reachedByAll = Math.min(reachedByAll, c.compute()[c.compute().length - 1]);
        }
        List<String> spans = new ArrayList<>();
        String leader = null;
        double from = Double.NaN;
        double previous = Double.NaN;
        for (double level : levels.headSet(reachedByAll, true)) {
            String best = null;
            double bestBits = Double.POSITIVE_INFINITY;
            boolean complete = true;
            for (Curve c : curves) {
                double bits = valueAt(c, level);
                if (!Double.isFinite(bits)) {
                    complete = false;
                    break;
                }
                if (bits < bestBits) {
                    bestBits = bits;
                    best = c.label();
                }
            }
            if (!complete) {
                continue;
            }
            if (!best.equals(leader)) {
                if (leader != null) {
                    spans.add(span(leader, from, previous, unit, false));
                }
                leader = best;
                from = level;
            }
            previous = level;
        }
        if (leader == null) {
            return "";
        }
        spans.add(span(leader, from, previous, unit, true));
        return String.join("; ", spans);
    }

    /** The curve's value at a compute level: its last point at or below it (NaN before its first point). */
    static double valueAt(Curve c, double level) {
        double value = Double.NaN;
        for (int i = 0; i < c.compute().length; i++) {
            if (c.compute()[i] <= level * (1 + 1e-9)) {
                value = c.bitsPerSecond()[i];
            }
        }
        return value;
    }

    private static String span(String leader, double from, double to, String unit, boolean last) {
        return String.format(
                Locale.ROOT,
                "%s leads from %.3g to %.3g %s%s",
                leader,
                from,
                to,
                unit,
                last ? " (the largest level every pattern reached)" : "");
    }
}
