package dev.rvqlm.eval.run;

/**
 * Early stopping's bookkeeping: the best validation so far and how many validations since. A validation must be
 * strictly lower to count as an improvement, so ties keep the earlier (cheaper) step.
 */
final class ValidationTracker {

    /** What a validation means for the run. */
    enum Decision {
        /** The lowest so far: keep this step's model. */
        NEW_BEST,
        /** Not better; keep training. */
        NO_IMPROVEMENT,
        /** Not better for the patience: stop. */
        STOP
    }

    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private long bestStep;
    private int sinceBest;

    /** @param patience validations without improvement before stopping; 0 never stops */
    ValidationTracker(int patience) {
        this.patience = patience;
    }

    Decision add(long step, double bitsPerCode) {
        if (bitsPerCode < best) {
            best = bitsPerCode;
            bestStep = step;
            sinceBest = 0;
            return Decision.NEW_BEST;
        }
        sinceBest++;
        return patience > 0 && sinceBest >= patience ? Decision.STOP : Decision.NO_IMPROVEMENT;
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
