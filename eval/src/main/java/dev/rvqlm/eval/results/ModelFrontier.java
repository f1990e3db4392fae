package dev.rvqlm.eval.results;

import java.util.List;

/**
 * One model's compute frontier at the levels of a {@link FrontierSummary}: at each, the best validation bits/s any of
 * its sizes reached within that many training FLOPs (the lower envelope over sizes), mean over seeds with a 95%
 * interval, and the size that gave the best mean there.
 *
 * @param model         the model entry's text, e.g. {@code delay}
 * @param bitsPerSecond per level, the envelope (NaN before the model's first validation)
 * @param bestSize      per level, the size whose runs were lowest on average (null before the first validation)
 */
public record ModelFrontier(String model, List<Interval> bitsPerSecond, List<String> bestSize) {

    public ModelFrontier {
        bitsPerSecond = List.copyOf(bitsPerSecond);
        bestSize = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(bestSize));
    }
}
