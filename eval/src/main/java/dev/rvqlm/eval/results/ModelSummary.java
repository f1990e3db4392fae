package dev.rvqlm.eval.results;

import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import java.util.List;

/**
 * One model at one size over all its seeds: held-out figures as means with 95% intervals (bootstrap over seeds and
 * held-out files), and what the runs flag.
 *
 * @param model                  the model entry
 * @param size                   the transformer's shape
 * @param seeds                  runs summarised
 * @param sequenceStepsPerSecond sequential model steps per second of audio
 * @param bitsPerCode            held-out bits per code
 * @param bitsPerSecond          held-out bits per second of audio
 * @param bitsPerCodeByCodebook  [K] held-out bits per code of each codebook
 * @param flags                  warnings a reader must see (overfitting, still improving, worse than uniform)
 */
public record ModelSummary(
        ModelEntry model,
        ModelShape size,
        int seeds,
        double sequenceStepsPerSecond,
        Interval bitsPerCode,
        Interval bitsPerSecond,
        List<Interval> bitsPerCodeByCodebook,
        List<String> flags) {

    public ModelSummary {
        bitsPerCodeByCodebook = List.copyOf(bitsPerCodeByCodebook);
        flags = List.copyOf(flags);
    }

    /** The model's text, as reports name a row. */
    public String label() {
        return model.toString();
    }
}
