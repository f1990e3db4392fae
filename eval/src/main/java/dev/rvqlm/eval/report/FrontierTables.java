package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.FrontierSummary;
import dev.rvqlm.eval.results.Interval;
import dev.rvqlm.eval.results.Lead;
import dev.rvqlm.eval.results.ModelFrontier;
import dev.rvqlm.eval.results.ModelSummary;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.TestUnigram;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The report's tables of the compute frontier and of each model's gain over the unigram baseline. */
final class FrontierTables {

    /** Compute levels shown in the frontier table (evenly chosen among the summary's, the budget last). */
    static final int ROWS = 9;

    private FrontierTables() {}

    static Optional<Table> frontier(EvalResults results) {
        FrontierSummary f = results.frontier();
        if (f == null) {
            return Optional.empty();
        }
        List<String> header = new ArrayList<>(List.of("training FLOPs"));
        for (ModelFrontier m : f.models()) {
            header.add(m.model() + " bits/s (best size)");
        }
        header.add("leads");
        List<List<String>> rows = new ArrayList<>();
        int n = f.flops().size();
        boolean intervals =
                results.runs().stream().map(r -> r.run().seed()).distinct().count() > 1;
        for (int r = 0; r < ROWS; r++) {
            int level = (int) Math.round((double) r * (n - 1) / (ROWS - 1));
            List<String> row =
                    new ArrayList<>(List.of(FrontierText.flops(f.flops().get(level))));
            for (ModelFrontier m : f.models()) {
                Interval at = m.bitsPerSecond().get(level);
                row.add(
                        Double.isNaN(at.mean())
                                ? "-"
                                : at.format(1) + " (" + m.bestSize().get(level) + ")");
            }
            Lead lead = f.leads().stream()
                    .filter(l -> l.flops() == f.flops().get(level))
                    .findFirst()
                    .orElse(null);
            row.add(lead == null ? "-" : lead.leader() + (lead.resolved() || !intervals ? "" : " (not resolved)"));
            rows.add(row);
        }
        return Optional.of(new Table(
                "Compute frontier: best validation bits/s within each training budget, over sizes (mean of seeds, 95% "
                        + "interval)",
                header, rows));
    }

    /** Per model and size, each codebook's test bits/code and its gain over the unigram baseline. */
    static Optional<Table> unigram(EvalResults results) {
        if (results.unigram().isEmpty()) {
            return Optional.empty();
        }
        TestUnigram first = results.unigram().get(0);
        int k = first.bitsByCodebook().size();
        List<String> header = new ArrayList<>(List.of("model", "runs worse than unigram"));
        for (int c = 0; c < k; c++) {
            header.add("k=" + c + " bits (gain)");
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> base = new ArrayList<>(List.of("unigram baseline (training marginals)", ""));
        for (int c = 0; c < k; c++) {
            base.add(String.format(Locale.ROOT, "%.3f", first.bitsByCodebook().get(c)));
        }
        rows.add(base);
        for (ModelSummary s : results.summaries()) {
            List<RunResult> runs = RunLabels.runsOf(results, s);
            List<String> row = new ArrayList<>(List.of(RunLabels.of(results, s), worse(results, runs)));
            for (int c = 0; c < k; c++) {
                double model = s.bitsPerCodeByCodebook().get(c).mean();
                double gain = first.bitsByCodebook().get(c) - model;
                row.add(String.format(Locale.ROOT, "%.3f (%+.3f)", model, gain));
            }
            rows.add(row);
        }
        return Optional.of(new Table(
                "Gain over the unigram baseline: test bits/code per codebook (baseline − model; negative: "
                        + "worse than the baseline, memorised or underfit: see the warnings)",
                header,
                rows));
    }

    /** "2 of 3 (k=1, 2)": runs scoring some codebook above their split's unigram baseline. */
    private static String worse(EvalResults results, List<RunResult> runs) {
        int count = 0;
        List<Integer> codebooks = new ArrayList<>();
        for (RunResult r : runs) {
            List<Integer> worse = worseCodebooks(results, r);
            if (!worse.isEmpty()) {
                count++;
                worse.stream().filter(c -> !codebooks.contains(c)).forEach(codebooks::add);
            }
        }
        return count == 0 ? "0 of " + runs.size() : count + " of " + runs.size() + " (k=" + join(codebooks) + ")";
    }

    /** The codebooks on which run {@code r} scores worse than its split's unigram baseline. */
    static List<Integer> worseCodebooks(EvalResults results, RunResult r) {
        List<Integer> worse = new ArrayList<>();
        Optional<TestUnigram> unigram = results.unigramOf(r.run().seed());
        if (unigram.isEmpty()) {
            return worse;
        }
        List<Double> model = r.test().bitsPerCodeByCodebook();
        for (int c = 0; c < model.size(); c++) {
            if (model.get(c) > unigram.get().bitsByCodebook().get(c)) {
                worse.add(c);
            }
        }
        return worse;
    }

    private static String join(List<Integer> values) {
        return String.join(", ", values.stream().sorted().map(String::valueOf).toList());
    }
}
