package dev.rvqlm.eval.stats;

import dev.rvqlm.eval.results.Comparison;
import dev.rvqlm.eval.results.FileScores;
import dev.rvqlm.eval.results.Interval;
import dev.rvqlm.eval.results.ModelSelection;
import dev.rvqlm.eval.results.ModelSummary;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns runs (model × size × seed) into a summary per model and size and a paired comparison per pair of models at
 * the same size, with bootstrap intervals over seeds and held-out files, and the flags a reader must see.
 */
public final class Summaries {

    /** Validations above the best one, in a row, that count as overfitting. */
    public static final int RISING_STRETCH = 3;

    private static final long BOOTSTRAP_SEED = 0xB0075L;

    /** Summaries in pattern order and comparisons of every pair. */
    public record Outcome(List<ModelSummary> summaries, List<Comparison> comparisons) {}

    private Summaries() {}

    /**
     * @param runs           every run; runs of one model and size in seed order, the same seeds for every model
     * @param codebookSize   N, for the "worse than uniform" flag
     * @param codesPerSecond K × frame rate: bits/code → bits/s
     */
    public static Outcome of(List<RunResult> runs, int codebookSize, double codesPerSecond) {
        List<List<RunResult>> groups = new ArrayList<>();
        for (RunResult r : runs) {
            groups.stream()
                    .filter(g -> g.get(0).run().sameModelAndSize(r.run()))
                    .findFirst()
                    .ifPresentOrElse(g -> g.add(r), () -> groups.add(new ArrayList<>(List.of(r))));
        }
        List<ModelSummary> summaries = new ArrayList<>();
        for (List<RunResult> group : groups) {
            summaries.add(summary(group, codebookSize, codesPerSecond));
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                RunSpec a = groups.get(i).get(0).run();
                RunSpec b = groups.get(j).get(0).run();
                if (!a.size().equals(b.size())) {
                    continue; // models are compared at equal size; across sizes the frontier compares them
                }
                Interval d = Bootstrap.difference(
                        scores(groups.get(i)), scores(groups.get(j)), Bootstrap.REPLICATES, BOOTSTRAP_SEED);
                comparisons.add(new Comparison(a.model(), b.model(), a.size(), d.scaled(codesPerSecond)));
            }
        }
        return new Outcome(summaries, comparisons);
    }

    static ModelSummary summary(List<RunResult> runs, int codebookSize, double codesPerSecond) {
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
            // the whole interval above: a mean a hair above log2 N on near-uniform codes is noise, not a finding
            if (byCodebook.get(q).low() > uniform) {
                flags.add(String.format(
                        Locale.ROOT,
                        "codebook %d scores %s bits/code on test, worse than a "
                                + "uniform guess (log2 N = %.3f): the model does not generalise",
                        q,
                        byCodebook.get(q).format(3),
                        uniform));
            }
        }
        for (RunResult r : runs) {
            long seed = r.run().seed();
            ModelSelection s = r.training().selection();
            if (s.stillImproving()) {
                flags.add("seed " + seed + " ended still improving at the step cap (best validation at the last "
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
                        seed,
                        s.risingFor(),
                        s.bestStep(),
                        best,
                        last,
                        s.bestStep()));
            }
        }
        RunSpec first = runs.get(0).run();
        return new ModelSummary(
                first.model(),
                first.size(),
                runs.size(),
                runs.get(0).sampling().sequenceStepsPerSecond(),
                bits,
                bits.scaled(codesPerSecond),
                byCodebook,
                flags);
    }

    private static List<FileScores> scores(List<RunResult> runs) {
        return runs.stream().map(r -> r.test().byFile()).toList();
    }
}
