package dev.rvqlm.eval.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's per-codebook test figures set against the unigram baseline on the same codes: each codebook's gain (the
 * baseline minus the model, in bits per code; positive when the model learnt something that carries over to the
 * test files) and the codebooks the model scores worse than the baseline (memorised its training files there, or
 * not yet learnt the marginal: the report's {@code BelowUnigram} tells which).
 *
 * @param unigramBits [K] the baseline's bits per code on the test codes
 * @param modelBits   [K] the model's bits per code on the same codes
 */
public record UnigramGains(List<Double> unigramBits, List<Double> modelBits) {

    public UnigramGains {
        unigramBits = List.copyOf(unigramBits);
        modelBits = List.copyOf(modelBits);
        if (unigramBits.size() != modelBits.size()) {
            throw new IllegalArgumentException(
                    "the baseline has " + unigramBits.size() + " codebooks but the model " + modelBits.size());
        }
    }

    /** [K] baseline minus model, bits per code. */
    public List<Double> gains() {
        List<Double> gains = new ArrayList<>();
        for (int q = 0; q < unigramBits.size(); q++) {
            gains.add(unigramBits.get(q) - modelBits.get(q));
        }
        return gains;
    }

    /** The codebooks (0-based) on which the model is worse than the unigram baseline. */
    public List<Integer> worseThanUnigram() {
        List<Integer> worse = new ArrayList<>();
        List<Double> gains = gains();
        for (int q = 0; q < gains.size(); q++) {
            if (gains.get(q) < 0) {
                worse.add(q);
            }
        }
        return worse;
    }
}
