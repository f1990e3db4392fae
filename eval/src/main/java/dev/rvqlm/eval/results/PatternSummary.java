package dev.rvqlm.eval.results;

import dev.rvqlm.eval.stats.Interval;
import java.util.List;

/**
 * One pattern over all its seeds: held-out figures as means with 95% intervals (bootstrap over seeds and held-out
 * files), and what the runs flag.
 *
 * @param pattern                the pattern spec
 * @param seeds                  runs summarised
 * @param sequenceStepsPerSecond sequence steps per second of audio
 * @param bitsPerCode            held-out bits per code
 * @param bitsPerSecond          held-out bits per second of audio
 * @param bitsPerCodeByCodebook  [K] held-out bits per code of each codebook
 * @param flags                  warnings a reader must see (overfitting, still improving, worse than uniform)
 */
public record PatternSummary(
        String pattern,
        int seeds,
        double sequenceStepsPerSecond,
        Interval bitsPerCode,
        Interval bitsPerSecond,
        List<Interval> bitsPerCodeByCodebook,
        List<String> flags) {

    public PatternSummary {
        bitsPerCodeByCodebook = List.copyOf(bitsPerCodeByCodebook);
        flags = List.copyOf(flags);
    }
}
