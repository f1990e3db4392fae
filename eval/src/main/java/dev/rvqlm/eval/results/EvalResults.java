package dev.rvqlm.eval.results;

import dev.rvqlm.tokens.synth.SourceEntropy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one eval, as written to {@code results.json}: every run (model × size × seed), a summary per model
 * and size with intervals, every pairwise comparison, the known entropy of a synthetic corpus when there is one, and the
 * settings shared by all runs.
 *
 * @param runs        one result per run, models in the order given, then sizes, then seeds
 * @param summaries   one per model and size, in the order of the runs
 * @param comparisons every pair of models at the same size (held-out bits/s, a − b)
 * @param calibration the source's exact and parallel-bound bits/code for a {@code rvq tokens synth} corpus, or null
 * @param settings    the shared settings, keys in snake_case, values JSON-friendly (numbers, strings, lists, maps)
 */
public record EvalResults(
        List<RunResult> runs,
        List<ModelSummary> summaries,
        List<Comparison> comparisons,
        SourceEntropy calibration,
        Map<String, Object> settings) {

    public EvalResults {
        runs = List.copyOf(runs);
        summaries = List.copyOf(summaries);
        comparisons = List.copyOf(comparisons);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
