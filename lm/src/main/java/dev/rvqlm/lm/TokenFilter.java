package dev.rvqlm.lm;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks one code from one row of logits as AudioCraft's {@code _sample_next_token} does: softmax of logits / T,
 * then top-p (precedence) or top-k (ties with the k-th value kept), then a categorical draw; greedy at T = 0.
 *
 * <pre>{@code
 * boolean[] kept = TokenFilter.keep(new double[] {0.5, 0.2, 0.2, 0.1}, 2, 0.0); // {true, true, true, false}
 * int code = TokenFilter.sample(logits, 0, n, SampleConfig.topK(250), random);
 * }</pre>
 */
public final class TokenFilter {

    private TokenFilter() {}

    /**
     * Which entries of a probability vector survive the filter: with {@code topP > 0} the smallest prefix of the
     * descending order whose mass before each entry is at most p (AudioCraft's {@code sample_top_p}), else with
     * {@code topK > 0} every entry ≥ the k-th largest (AudioCraft's {@code sample_top_k}), else all.
     */
    public static boolean[] keep(double[] probs, int topK, double topP) {
        int n = probs.length;
        boolean[] kept = new boolean[n];
        if (topP > 0) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a])); // stable: ties keep index order
            double before = 0;
            for (int i = 0; i < n; i++) {
                if (before > topP) {
                    break;
                }
                kept[order[i]] = true;
                before += probs[order[i]];
            }
        } else if (topK > 0 && topK < n) {
            double kth = kthLargest(probs, topK);
            for (int i = 0; i < n; i++) {
                kept[i] = probs[i] >= kth;
            }
        } else {
            Arrays.fill(kept, true);
        }
        return kept;
    }

    /**
     * Draws a code from {@code logits[offset … offset+n)}.
     *
     * @return an index in [0, n)
     */
    public static int sample(float[] logits, int offset, int n, SampleConfig config, RandomGenerator random) {
        if (config.temperature() == 0) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (logits[offset + i] > logits[offset + best]) {
                    best = i;
                }
            }
            return best;
        }
        double inv = 1.0 / config.temperature();
        if (config.topP() == 0 && config.topK() > 0 && config.topK() < n) {
            return sampleTopK(logits, offset, n, config.topK(), inv, random);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[offset + i] * inv);
        }
        double[] probs = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            probs[i] = Math.exp(logits[offset + i] * inv - max);
            total += probs[i];
        }
        for (int i = 0; i < n; i++) {
            probs[i] /= total;
        }
        boolean[] kept = keep(probs, config.topK(), config.topP());
        double mass = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                mass += probs[i];
            }
        }
        double u = random.nextDouble() * mass;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                last = i;
                u -= probs[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left a sliver: the last kept code
    }

    /**
     * Top-k without a softmax over all N codes (the sampler's hot path at every step): softmax is monotone, so the
     * k codes of largest probability are those of largest scaled logit; only they are exponentiated, and the draw
     * walks them in index order against their unnormalised weights, as {@link #sample} walks the kept
     * probabilities.
     */
    private static int sampleTopK(float[] logits, int offset, int n, int k, double inv, RandomGenerator random) {
        double[] scaled = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            scaled[i] = logits[offset + i] * inv;
            max = Math.max(max, scaled[i]);
        }
        double kth = kthLargest(scaled, k);
        double mass = 0;
        for (int i = 0; i < n; i++) {
            if (scaled[i] >= kth) {
                scaled[i] = Math.exp(scaled[i] - max);
                mass += scaled[i];
            } else {
                scaled[i] = -1; // dropped
            }
        }
        double u = random.nextDouble() * mass;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (scaled[i] >= 0) {
                last = i;
                u -= scaled[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left a sliver: the last kept code
    }

    /** The k-th largest value (k ≥ 1) by a partial selection on a copy. */
    static double kthLargest(double[] values, int k) {
        double[] copy = values.clone();
        int lo = 0;
        int hi = copy.length - 1;
        int target = k - 1; // index in descending order
        while (lo < hi) {
            double pivot = copy[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (copy[i] > pivot) {
                    i++;
                }
                while (copy[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    double tmp = copy[i];
                    copy[i] = copy[j];
                    copy[j] = tmp;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return copy[target];
            }
        }
        return copy[target];
    }
}
