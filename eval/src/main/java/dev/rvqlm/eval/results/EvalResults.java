package dev.rvqlm.eval.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one eval: a result per pattern, in the order given, and the settings they share (model, data,
 * budget, seed, held-out windows, provenance), as written to {@code results.json}.
 *
 * @param patterns one result per pattern
 * @param settings the shared settings, keys in snake_case, values JSON-friendly (numbers, strings, lists, maps)
 */
public record EvalResults(List<PatternResult> patterns, Map<String, Object> settings) {

    public EvalResults {
        patterns = List.copyOf(patterns);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
