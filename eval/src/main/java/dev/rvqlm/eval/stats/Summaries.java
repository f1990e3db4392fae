package dev.rvqlm.eval.stats;

import dev.rvqlm.eval.results.ModelSelection;
import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.eval.results.PatternSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns runs (pattern × seed) into a summary per pattern and a paired comparison per pair of patterns, with
 * bootstrap intervals over seeds and held-out files, and the flags a reader must see.
 */
public final class Summaries {

    /** Validations above the best one, in a row, that count as overfitting. */
    public static final int RISING_STRETCH = 3;

    private static final long BOOTSTRAP_SEED = 0xB0075L;

    /** Summaries in pattern order and comparisons of every pair. */
    public record Outcome(List<PatternSummary> summaries, List<Comparison> comparisons) {}

    private Summaries() {}

    /**
     * @param runs      every run; runs of one pattern share the pattern string, seeds in the same order per pattern
     * @param codebookSize N, for the "worse than uniform" flag
     * @param codesPerSecond K × frame rate: bits/code → bits/s
     */
    public static Outcome of(List<PatternResult> runs, int codebookSize, double codesPerSecond) {
        Map<String, List<PatternResult>> byPattern = new LinkedHashMap<>();
        for (PatternResult r : runs) {
            byPattern.computeIfAbsent(r.pattern(), p -> new ArrayList<>()).add(r);
        }
        List<PatternSummary> summaries = new ArrayList<>();
        for (var entry : byPattern.entrySet()) {
            summaries.add(summary(entry.getKey(), entry.getValue(), codebookSize, codesPerSecond));
        }
        List<String> patterns = new ArrayList<>(byPattern.keySet());
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            for (int j = i + 1; j < patterns.size(); j++) {
                Interval d = Bootstrap.difference(
                        scores(byPattern.get(patterns.get(i))),
                        scores(byPattern.get(patterns.get(j))),
                        Bootstrap.REPLICATES,
                        BOOTSTRAP_SEED);
                comparisons.add(new Comparison(patterns.get(i), patterns.get(j), d.scaled(codesPerSecond)));
            }
        }
        return new Outcome(summaries, comparisons);
    }

    static PatternSummary summary(String pattern, List<PatternResult> runs, int codebookSize, double codesPerSecond) {
        List<FileScores> scores = scores(runs);
        Interval bits = Bootstrap.bitsPerCode(scores, Bootstrap.REPLICATES, BOOTSTRAP_SEED);
        int k = scores.get(0).codebooks();
        List<Interval> byCodebook = new ArrayList<>();
        for (int q = 0; q < k; q++) {
            byCodebook.add(Bootstrap.bitsPerCode(scores, q, Bootstrap.REPLICATES, BOOTSTRAP_SEED));
        }
        List<String> flags = new ArrayList<>();
        double uniform = Math.log(codebookSize) / Math.log(2);
        for (int q = 0; q < k; q++) {
            if (byCodebook.get(q).mean() > uniform) {
                flags.add(String.format(
                        Locale.ROOT,
                        "codebook %d scores %.3f bits/code on test, worse than a "
                                + "uniform guess (log2 N = %.3f): the model does not generalise",
                        q,
                        byCodebook.get(q).mean(),
                        uniform));
            }
        }
        for (PatternResult r : runs) {
            ModelSelection s = r.selection();
            if (s.stillImproving()) {
                flags.add("seed " + r.seed() + " ended still improving at the step cap (best validation at the last "
                        + "validation, step " + s.bestStep() + "): more steps would lower its figure");
            }
            if (s.risingFor() >= RISING_STRETCH) {
                double best = s.curve().stream()
                        .mapToDouble(v -> v.bitsPerCode())
                        .min()
                        .orElse(Double.NaN);
                double last = s.curve().get(s.curve().size() - 1).bitsPerCode();
                flags.add(String.format(
                        Locale.ROOT,
                        "seed %d overfits: validation stayed above its best for the "
                                + "last %d validations after step %d (%.3f, ending at %.3f bits/code); the figures are from "
                                + "step %d",
                        r.seed(),
                        s.risingFor(),
                        s.bestStep(),
                        best,
                        last,
                        s.bestStep()));
            }
        }
        return new PatternSummary(
                pattern,
                runs.size(),
                runs.get(0).sequenceStepsPerSecond(),
                bits,
                bits.scaled(codesPerSecond),
                byCodebook,
                flags);
    }

    private static List<FileScores> scores(List<PatternResult> runs) {
        return runs.stream().map(PatternResult::testByFile).toList();
    }
}
