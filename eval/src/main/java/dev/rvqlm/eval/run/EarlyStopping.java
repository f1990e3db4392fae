package dev.rvqlm.eval.run;

import java.util.Set;
import java.util.TreeSet;

/**
 * When a run is validated and when it stops. Validation every {@code every} steps (plus log-spaced early points, so
 * the quality-against-compute curves start early). A run stops, at any step, once validation has risen clearly above
 * its best for a sustained stretch: {@code patience} validations in a row each more than {@code rise} (relative)
 * above the best so far. Overfitting looks like that; a plateau does not (it stays near its best), so a run on a
 * plateau goes on to the cap and may still descend.
 *
 * <p>Slow starters are protected by what they have learnt, not by the step count: no run stops while its best
 * validation is still within {@code plateau} (relative) of the validation files' unigram baseline (each codebook's
 * training marginals, {@link dev.rvqlm.eval.metrics.UnigramBaseline}). A model that has only found the marginals
 * often rises above that plateau for a while before it learns context (measured on the demo: delay 3.46 bits/code
 * at step 50, 3.54 at 100, 2.72 at 600; partial-flatten 3.47 at 50 and still 3.76 at 250); that bump is not
 * overfitting, and such a run is not stopped on it. The best step's checkpoint is the run's model.
 *
 * @param every    validate every this many optimizer steps, at least 1
 * @param patience validations in a row clearly above the best that stop a run; 0 never stops early (trains to the
 *                 cap)
 * @param rise     how far above its best (relative, e.g. 0.01 = 1%) a validation must lie to count as risen, ≥ 0
 * @param plateau  how far below the unigram baseline (relative) the best must have come before a run may stop, ≥ 0
 */
public record EarlyStopping(int every, int patience, double rise, double plateau) {

    /** The default margins: risen means more than 1% above the best; left the plateau means 1% below unigram. */
    public static final double DEFAULT_RISE = 0.01;

    public static final double DEFAULT_PLATEAU = 0.01;

    public EarlyStopping {
        if (every < 1) {
            throw new IllegalArgumentException("validation interval must be at least 1 step, got " + every);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be at least 0, got " + patience);
        }
        if (!(rise >= 0) || !(plateau >= 0) || plateau >= 1) {
            throw new IllegalArgumentException(
                    "the rise margin must be at least 0 and the plateau margin in [0, 1), got " + rise + " and "
                            + plateau);
        }
    }

    /** The default margins with this interval and patience. */
    public EarlyStopping(int every, int patience) {
        this(every, patience, DEFAULT_RISE, DEFAULT_PLATEAU);
    }

    /** Every 100 steps; stop after 3 validations (300 steps) in a row more than 1% above the best. */
    public static EarlyStopping defaults() {
        return new EarlyStopping(100, 3);
    }

    /** Whether validation {@code bits} lies clearly above the {@code best} so far. */
    boolean risenAbove(double bits, double best) {
        return bits > best * (1 + rise);
    }

    /** Whether a run whose best validation is {@code best} has left the unigram plateau at {@code unigram}. */
    boolean leftPlateau(double best, double unigram) {
        return best < unigram * (1 - plateau);
    }

    /**
     * The 1-based steps validated in a run of {@code steps} steps: every {@code every}-th, the last, and
     * every/8, every/4, every/2 (when ≥ 1) for the early part of the curves.
     */
    public Set<Integer> steps(int steps) {
        Set<Integer> at = new TreeSet<>();
        for (int divisor : new int[] {8, 4, 2}) {
            if (every / divisor >= 1 && every / divisor < steps) {
                at.add(every / divisor);
            }
        }
        for (int s = every; s < steps; s += every) {
            at.add(s);
        }
        at.add(steps);
        return at;
    }
}
