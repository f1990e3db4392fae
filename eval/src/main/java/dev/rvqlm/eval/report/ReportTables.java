package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.eval.results.SampleMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's tables, built from the results. */
public final class ReportTables {

    private ReportTables() {}

    /** The short table {@code rvq demo} and {@code rvq eval} print. */
    public static Table summary(List<PatternResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (PatternResult r : results) {
            rows.add(List.of(r.pattern(), f(r.sequenceStepsPerSecond(), 0), f(r.nllBitsPerCode(), 3),
                    f(r.nllBitsPerSecond(), 1), f(r.trainSeconds(), 1), f(r.sampleRtfB1(), 3),
                    f(r.sampleRtfB8(), 3), f(r.peakRssMib(), 0)));
        }
        return new Table("Summary", List.of("pattern", "steps/s", "bits/code", "bits/s", "train s", "RTF b1",
                "RTF b8", "peak MiB"), rows);
    }

    public static Table quality(List<PatternResult> results) {
        int k = results.stream().mapToInt(r -> r.nllBitsPerCodeByCodebook().size()).max().orElse(0);
        List<String> header = new ArrayList<>(List.of("pattern", "bits/code", "bits/s", "held-out codes"));
        for (int c = 0; c < k; c++) {
            header.add("k=" + c + " bits/code");
        }
        List<List<String>> rows = new ArrayList<>();
        for (PatternResult r : results) {
            List<String> row = new ArrayList<>(List.of(r.pattern(), f(r.nllBitsPerCode(), 4),
                    f(r.nllBitsPerSecond(), 1), Long.toString(r.heldOutCodes())));
            for (int c = 0; c < k; c++) {
                row.add(c < r.nllBitsPerCodeByCodebook().size() ? f(r.nllBitsPerCodeByCodebook().get(c), 4) : "");
            }
            rows.add(row);
        }
        return new Table("Quality: held-out negative log-likelihood", header, rows);
    }

    public static Table compute(List<PatternResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (PatternResult r : results) {
            rows.add(List.of(r.pattern(), f(r.sequenceStepsPerSecond(), 1), Long.toString(r.parameters()),
                    Long.toString(r.trainSteps()), String.format(Locale.ROOT, "%.3g", r.trainFlops()),
                    f(r.trainSeconds(), 1), f(r.trainCodesPerSecond(), 0), f(r.sampleRtfB1(), 4),
                    f(r.sampleRtfB8(), 4), f(r.peakRssMib(), 0)));
        }
        return new Table("Compute", List.of("pattern", "steps per audio s", "parameters", "train steps",
                "train FLOPs", "train s", "train codes/s", "sample RTF b1", "sample RTF b8", "peak RSS MiB"), rows);
    }

    public static Table samples(List<PatternResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (PatternResult r : results) {
            SampleMetrics s = r.samples();
            rows.add(List.of(r.pattern(), Integer.toString(s.prompts()), f(mean(s.usageEntropyBits()), 3),
                    f(mean(s.realUsageEntropyBits()), 3), f(s.repeatedFrameRate(), 3),
                    f(s.realRepeatedFrameRate(), 3), s.logMelFrechet() == null ? "n/a" : f(s.logMelFrechet(), 3),
                    s.melDistance() == null ? "n/a" : f(s.melDistance(), 4)));
        }
        return new Table("Samples: continuations of held-out prompts", List.of("pattern", "prompts",
                "usage entropy bits", "real usage entropy bits", "repeated frames", "real repeated frames",
                "log-mel Fréchet d²", "mel distance"), rows);
    }

    public static Table settings(Map<String, Object> settings) {
        List<List<String>> rows = new ArrayList<>();
        settings.forEach((key, value) -> rows.add(List.of(key, String.valueOf(value))));
        return new Table("Settings", List.of("setting", "value"), rows);
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static String f(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
