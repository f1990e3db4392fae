package dev.rvqlm.eval.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one eval, as written to {@code results.json}: every run (model × size × seed), a summary per model
 * and size with intervals, every pairwise comparison, what each model can reach on a synthetic corpus when there is
 * one, the settings shared by all runs, the compute frontier and the unigram baseline of the test codes.
 *
 * @param runs        one result per run, models in the order given, then sizes, then seeds
 * @param summaries   one per model and size, in the order of the runs
 * @param comparisons every pair of models at the same size (held-out bits/s, a − b)
 * @param calibration a {@code rvq tokens synth} corpus's known figures, or null
 * @param settings    the shared settings, keys in snake_case, values JSON-friendly (numbers, strings, lists, maps)
 * @param frontier    per model the best validation bits/s at each training compute over its sizes, who leads and where
 *                    the frontiers cross; null when no run was validated
 * @param unigram     per seed the test codes' unigram baseline (each codebook's training marginals), in seed order
 */
public record EvalResults(
        List<RunResult> runs,
        List<ModelSummary> summaries,
        List<Comparison> comparisons,
        Calibration calibration,
        Map<String, Object> settings,
        FrontierSummary frontier,
        List<TestUnigram> unigram) {

    public EvalResults {
        runs = List.copyOf(runs);
        summaries = List.copyOf(summaries);
        comparisons = List.copyOf(comparisons);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        unigram = List.copyOf(unigram);
    }

    /** Results without a frontier or unigram baselines (added with {@link #withFrontier}, {@link #withUnigram}). */
    public EvalResults(
            List<RunResult> runs,
            List<ModelSummary> summaries,
            List<Comparison> comparisons,
            Calibration calibration,
            Map<String, Object> settings) {
        this(runs, summaries, comparisons, calibration, settings, null, List.of());
    }

    public EvalResults withFrontier(FrontierSummary frontier) {
        return new EvalResults(runs, summaries, comparisons, calibration, settings, frontier, unigram);
    }

    public EvalResults withUnigram(List<TestUnigram> unigram) {
        return new EvalResults(runs, summaries, comparisons, calibration, settings, frontier, unigram);
    }

    /** The unigram baseline of the test codes {@code seed}'s runs were scored on, if known. */
    public java.util.Optional<TestUnigram> unigramOf(long seed) {
        return unigram.stream().filter(u -> u.seed() == seed).findFirst();
    }
}
