package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.Calibration;
import dev.rvqlm.eval.results.Comparison;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.Interval;
import dev.rvqlm.eval.results.ModelSelection;
import dev.rvqlm.eval.results.ModelSummary;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.SampleMetrics;
import dev.rvqlm.eval.stats.Bootstrap;
import dev.rvqlm.tokens.synth.SourceEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The report's tables, built from the results. Figures over seeds are means with 95% intervals. */
public final class ReportTables {

    private ReportTables() {}

    /** The short table {@code rvq demo} and {@code rvq eval} print. */
    public static Table summary(EvalResults results) {
        Calibration calibration = results.calibration();
        List<String> header = new ArrayList<>(List.of("pattern", "steps/s", "bits/code [95% CI]", "bits/s [95% CI]"));
        if (calibration != null) {
            header.addAll(List.of("can reach", "gap"));
        }
        header.addAll(List.of("best step", "train s", "RTF b1"));
        List<List<String>> rows = new ArrayList<>();
        for (ModelSummary s : results.summaries()) {
            List<RunResult> runs = RunLabels.runsOf(results, s);
            List<String> row = new ArrayList<>(List.of(
                    RunLabels.of(results, s),
                    f(s.sequenceStepsPerSecond(), 0),
                    s.bitsPerCode().format(3),
                    s.bitsPerSecond().format(1)));
            if (calibration != null) {
                double reach = calibration.reachableBitsPerCode(s.label());
                row.addAll(List.of(
                        Double.isNaN(reach) ? "-" : f(reach, 3),
                        Double.isNaN(reach)
                                ? "-"
                                : String.format(
                                        Locale.ROOT,
                                        "%+.1f%%",
                                        100 * (s.bitsPerCode().mean() / reach - 1))));
            }
            row.addAll(List.of(
                    bestSteps(runs),
                    f(mean(runs, r -> r.training().seconds()), 1),
                    f(mean(runs, r -> r.sampling().rtfBatch1()), 3)));
            rows.add(row);
        }
        return new Table("Summary", header, rows);
    }

    public static Table quality(EvalResults results) {
        SourceEntropy source =
                results.calibration() == null ? null : results.calibration().source();
        int k = results.summaries().stream()
                .mapToInt(s -> s.bitsPerCodeByCodebook().size())
                .max()
                .orElse(0);
        List<String> header = new ArrayList<>(List.of("pattern", "seeds", "bits/code", "bits/s"));
        for (int c = 0; c < k; c++) {
            header.add("k=" + c + " bits/code");
        }
        List<List<String>> rows = new ArrayList<>();
        for (ModelSummary s : results.summaries()) {
            List<String> row = new ArrayList<>(List.of(
                    RunLabels.of(results, s),
                    Integer.toString(s.seeds()),
                    s.bitsPerCode().format(4),
                    s.bitsPerSecond().format(1)));
            for (int c = 0; c < k; c++) {
                row.add(
                        c < s.bitsPerCodeByCodebook().size()
                                ? s.bitsPerCodeByCodebook().get(c).format(3)
                                : "");
            }
            rows.add(row);
        }
        if (source != null) {
            rows.add(calibrationRow(
                    "source: exact factorisation (true entropy)",
                    source.exactBitsPerCode(),
                    source.exactBitsByCodebook(),
                    k,
                    results));
            rows.add(calibrationRow(
                    "source: best parallel can reach",
                    source.parallelBitsPerCode(),
                    source.parallelBitsByCodebook(),
                    k,
                    results));
            for (Map.Entry<String, List<Double>> e :
                    results.calibration().reachable().entrySet()) {
                if (!e.getValue().equals(source.exactBitsByCodebook())
                        && !e.getValue().equals(source.parallelBitsByCodebook())) {
                    rows.add(calibrationRow(
                            "source: best " + e.getKey() + " can reach",
                            ReportTables.mean(e.getValue()),
                            e.getValue(),
                            k,
                            results));
                }
            }
        }
        return new Table("Quality: test negative log-likelihood at the best validation step", header, rows);
    }

    private static List<String> calibrationRow(
            String name, double bits, List<Double> byCodebook, int k, EvalResults results) {
        double codesPerSecond = results.summaries().isEmpty()
                ? Double.NaN
                : results.summaries().get(0).bitsPerSecond().mean()
                        / results.summaries().get(0).bitsPerCode().mean();
        List<String> row = new ArrayList<>(List.of(name, "", f(bits, 4), f(bits * codesPerSecond, 1)));
        for (int c = 0; c < k; c++) {
            row.add(c < byCodebook.size() ? f(byCodebook.get(c), 3) : "");
        }
        return row;
    }

    public static Table comparisons(List<Comparison> comparisons) {
        List<List<String>> rows = new ArrayList<>();
        boolean sizes = comparisons.stream().map(Comparison::size).distinct().count() > 1;
        for (Comparison c : comparisons) {
            String ordering = c.ordering();
            rows.add(List.of(
                    c.a() + " − " + c.b() + (sizes ? " (" + c.size().label() + ")" : ""),
                    c.difference().format(1),
                    ordering.isEmpty() ? "not distinguishable at this budget" : ordering));
        }
        return new Table(
                "Pairwise: difference in test bits/s on the same windows (paired bootstrap)",
                List.of("pair", "difference [95% CI]", "verdict"),
                rows);
    }

    public static Table runs(List<RunResult> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (RunResult r : runs) {
            ModelSelection s = r.training().selection();
            String ended = s.stoppedEarly() ? "stopped early" : s.stillImproving() ? "cap, still improving" : "cap";
            rows.add(List.of(
                    r.run().model().toString(),
                    r.run().size().label(),
                    Long.toString(r.run().seed()),
                    Long.toString(r.training().steps()),
                    Long.toString(s.bestStep()),
                    ended,
                    s.risingFor() + "",
                    f(r.test().bitsPerCode(), 4),
                    f(r.test().bitsPerSecond(), 1),
                    f(r.training().seconds(), 1)));
        }
        return new Table(
                "Runs",
                List.of(
                        "pattern",
                        "size",
                        "seed",
                        "steps run",
                        "best step",
                        "ended",
                        "validations since best",
                        "test bits/code",
                        "test bits/s",
                        "train s"),
                rows);
    }

    public static Table compute(EvalResults results) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelSummary s : results.summaries()) {
            List<RunResult> runs = RunLabels.runsOf(results, s);
            rows.add(List.of(
                    RunLabels.of(results, s),
                    f(s.sequenceStepsPerSecond(), 1),
                    Long.toString(runs.get(0).parameters()),
                    interval(runs, r -> r.training().steps(), 0),
                    String.format(
                            Locale.ROOT, "%.3g", mean(runs, r -> r.training().flops())),
                    interval(runs, r -> r.training().seconds(), 1),
                    interval(runs, r -> r.training().codesPerSecond(), 0),
                    interval(runs, r -> r.sampling().rtfBatch1(), 4),
                    interval(runs, r -> r.sampling().rtfLargeBatch(), 4),
                    f(mean(runs, RunResult::peakRssMib), 0)));
        }
        int largeBatch =
                results.runs().isEmpty() ? 0 : results.runs().get(0).sampling().largeBatch();
        return new Table(
                "Compute (means over seeds, 95% t intervals)",
                List.of(
                        "pattern",
                        "steps per audio s",
                        "parameters",
                        "train steps",
                        "train FLOPs",
                        "train s",
                        "train codes/s",
                        "sample RTF b1",
                        "sample RTF b" + largeBatch,
                        "peak RSS MiB"),
                rows);
    }

    public static Table samples(EvalResults results) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelSummary s : results.summaries()) {
            List<RunResult> runs = RunLabels.runsOf(results, s);
            SampleMetrics first = runs.get(0).sampling().metrics();
            rows.add(List.of(
                    RunLabels.of(results, s),
                    Integer.toString(first.prompts()),
                    interval(runs, r -> mean(r.sampling().metrics().usageEntropyBits()), 3),
                    f(mean(first.realUsageEntropyBits()), 3),
                    interval(runs, r -> r.sampling().metrics().repeatedFrameRate(), 3),
                    f(first.realRepeatedFrameRate(), 3),
                    first.logMelFrechet() == null
                            ? "n/a"
                            : interval(runs, r -> r.sampling().metrics().logMelFrechet(), 3),
                    first.melDistance() == null
                            ? "n/a"
                            : interval(runs, r -> r.sampling().metrics().melDistance(), 4)));
        }
        return new Table(
                "Samples: continuations of held-out prompts (means over seeds)",
                List.of(
                        "pattern",
                        "prompts",
                        "usage entropy bits",
                        "real usage entropy bits",
                        "repeated frames",
                        "real repeated frames",
                        "log-mel Fréchet d²",
                        "mel distance"),
                rows);
    }

    public static Table settings(Map<String, Object> settings) {
        List<List<String>> rows = new ArrayList<>();
        settings.forEach((key, value) -> rows.add(List.of(key, readable(value))));
        return new Table("Settings", List.of("setting", "value"), rows);
    }

    private static String readable(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(k + ": " + v));
            return String.join("; ", parts);
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private static String bestSteps(List<RunResult> runs) {
        return String.join(
                "/",
                runs.stream()
                        .map(r -> Long.toString(r.training().selection().bestStep()))
                        .toList());
    }

    private static String interval(List<RunResult> runs, ToDoubleFunction<RunResult> metric, int decimals) {
        Interval i = Bootstrap.overSeeds(runs.stream().mapToDouble(metric).toArray());
        return i.format(decimals);
    }

    private static double mean(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
        return runs.stream().mapToDouble(metric).average().orElse(Double.NaN);
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static String f(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
