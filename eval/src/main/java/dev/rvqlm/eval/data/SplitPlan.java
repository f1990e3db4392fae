package dev.rvqlm.eval.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the token files are divided, by file, so no window of a test or validation file is ever trained on: at random
 * by the seed in the given shares, or as the corpus's own lists say ({@link SplitLists}; the shares are then unused).
 *
 * @param testFraction       share of files held out for the reported (test) figures and the prompts, in (0, 1)
 * @param validationFraction share of files held out for model selection (early stopping), in [0, 1); 0 trains to the
 *                           step cap and reports the last step
 * @param maxValidationWindows validation windows scored at each validation (evenly chosen when the files hold more),
 *                           at least 1
 * @param lists              the corpus's own split, or null for a random one (left out of the run settings then, so
 *                           runs identified before lists existed keep their identity)
 */
public record SplitPlan(
        double testFraction,
        double validationFraction,
        int maxValidationWindows,
        @JsonInclude(JsonInclude.Include.NON_NULL) SplitLists lists) {

    public SplitPlan {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        if (!(validationFraction >= 0 && validationFraction < 1) || testFraction + validationFraction >= 1) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1) and leave files to train on "
                    + "beside the test fraction " + testFraction + ", got " + validationFraction);
        }
        if (maxValidationWindows < 1) {
            throw new IllegalArgumentException("maxValidationWindows must be at least 1, got " + maxValidationWindows);
        }
    }

    /** A random split by the seed in these shares. */
    public SplitPlan(double testFraction, double validationFraction, int maxValidationWindows) {
        this(testFraction, validationFraction, maxValidationWindows, null);
    }

    /** 15% test, 10% validation, at most 64 validation windows. */
    public static SplitPlan defaults() {
        return new SplitPlan(0.15, 0.10, 64);
    }

    /** The same plan with the corpus's own split lists. */
    public SplitPlan withLists(SplitLists lists) {
        return new SplitPlan(testFraction, validationFraction, maxValidationWindows, lists);
    }

    /** Whether the split comes from the corpus's lists rather than from the seed. */
    public boolean listed() {
        return lists != null;
    }
}
