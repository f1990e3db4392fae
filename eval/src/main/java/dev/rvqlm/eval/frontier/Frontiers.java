package dev.rvqlm.eval.frontier;

import dev.rvqlm.eval.results.Crossing;
import dev.rvqlm.eval.results.FrontierSummary;
import dev.rvqlm.eval.results.Interval;
import dev.rvqlm.eval.results.ModelFrontier;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.ValidationPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An eval's compute frontier from its runs' validation curves: per model the lower envelope over sizes of validation
 * bits/s against cumulative training FLOPs, with its interval over seeds, who leads at each level, and where the
 * frontiers cross.
 *
 * <pre>{@code
 * Optional<FrontierSummary> f = Frontiers.of(results.runs(), 4, 75.0);
 * }</pre>
 */
public final class Frontiers {

    /** Compute levels of the summary, log-spaced from the latest first validation to the budget. */
    public static final int LEVELS = 40;

    private Frontiers() {}

    /**
     * The frontier of {@code runs}, or empty when no run was validated (validation share 0) or all runs were
     * validated at one compute level only.
     *
     * @param codebooks K, and {@code frameRate}: bits per code to bits per second
     */
    public static Optional<FrontierSummary> of(List<RunResult> runs, int codebooks, double frameRate) {
        List<RunCurve> curves = new ArrayList<>();
        Set<String> models = new LinkedHashSet<>();
        for (RunResult r : runs) {
            List<RunCurve.Point> points = new ArrayList<>();
            for (ValidationPoint v : r.training().selection().curve()) {
                points.add(new RunCurve.Point(v.flops(), v.bitsPerCode() * codebooks * frameRate));
            }
            if (!points.isEmpty()) {
                curves.add(new RunCurve(
                        r.run().model().toString(),
                        r.run().size().label(),
                        r.run().seed(),
                        points));
                models.add(r.run().model().toString());
            }
        }
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        List<Double> flops;
        try {
            flops = ComputeGrid.over(curves, LEVELS);
        } catch (IllegalArgumentException oneLevel) {
            return Optional.empty();
        }
        List<Frontier> frontiers = new ArrayList<>();
        List<ModelFrontier> summaries = new ArrayList<>();
        for (String model : models) {
            Frontier f = Frontier.of(model, curves, flops);
            frontiers.add(f);
            summaries.add(summary(f, curves, flops));
        }
        List<Crossing> crossings = new ArrayList<>();
        for (int i = 0; i < frontiers.size(); i++) {
            for (int j = i + 1; j < frontiers.size(); j++) {
                crossings.addAll(Crossings.between(frontiers.get(i), frontiers.get(j)));
            }
        }
        crossings.sort((a, b) -> Double.compare(a.flops().mean(), b.flops().mean()));
        return Optional.of(new FrontierSummary(flops, summaries, Leads.of(frontiers), crossings));
    }

    private static ModelFrontier summary(Frontier f, List<RunCurve> curves, List<Double> flops) {
        List<Interval> levels = new ArrayList<>();
        List<String> bestSize = new ArrayList<>();
        for (int l = 0; l < flops.size(); l++) {
            Interval at = f.at(l);
            levels.add(Double.isFinite(at.mean()) ? at : new Interval(Double.NaN, Double.NaN, Double.NaN));
            bestSize.add(bestSize(f.pattern(), curves, flops.get(l)));
        }
        return new ModelFrontier(f.pattern(), levels, bestSize);
    }

    /** The size of {@code model} whose runs have the lowest mean best-within-budget at {@code flops}. */
    private static String bestSize(String model, List<RunCurve> curves, double flops) {
        Map<String, double[]> sums = new LinkedHashMap<>(); // size -> {sum, count}
        for (RunCurve c : curves) {
            if (c.pattern().equals(model)) {
                double[] s = sums.computeIfAbsent(c.size(), x -> new double[2]);
                s[0] += c.bestWithin(flops);
                s[1]++;
            }
        }
        String best = null;
        double lowest = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            if (mean < lowest) {
                lowest = mean;
                best = e.getKey();
            }
        }
        return best;
    }
}
