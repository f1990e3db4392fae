package dev.rvqlm.eval.run;

/**
 * Early stopping's bookkeeping for one run: the best validation so far, how many validations since, and how many of
 * the latest lie in a row clearly above the best ({@link EarlyStopping}). A validation must be strictly lower to count
 * as an improvement, so ties keep the earlier (cheaper) step.
 */
final class ValidationTracker {

    /** What a validation means for the run. */
    enum Decision {
        /** The lowest so far: keep this step's model. */
        NEW_BEST,
        /** Not better; keep training. */
        NO_IMPROVEMENT,
        /** Risen clearly above the best for the patience, after leaving the unigram plateau: stop. */
        STOP
    }

    private final EarlyStopping rule;
    private final double unigram;
    private double best = Double.POSITIVE_INFINITY;
    private long bestStep;
    private int sinceBest;
    private int risen;

    /**
     * @param rule    the stopping rule
     * @param unigram the unigram baseline of the validation codes, bits per code (NaN when unknown: no plateau
     *                protection)
     */
    ValidationTracker(EarlyStopping rule, double unigram) {
        this.rule = rule;
        this.unigram = unigram;
    }

    Decision add(long step, double bitsPerCode) {
        if (bitsPerCode < best) {
            best = bitsPerCode;
            bestStep = step;
            sinceBest = 0;
            risen = 0;
            return Decision.NEW_BEST;
        }
        sinceBest++;
        risen = rule.risenAbove(bitsPerCode, best) ? risen + 1 : 0;
        boolean mayStop = Double.isNaN(unigram) || rule.leftPlateau(best, unigram);
        return rule.patience() > 0 && risen >= rule.patience() && mayStop ? Decision.STOP : Decision.NO_IMPROVEMENT;
    }

    double best() {
        return best;
    }

    long bestStep() {
        return bestStep;
    }

    int sinceBest() {
        return sinceBest;
    }
}
