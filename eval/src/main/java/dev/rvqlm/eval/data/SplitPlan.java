package dev.rvqlm.eval.data;

/**
 * How the token files are divided, by file, so no window of a test or validation file is ever trained on.
 *
 * @param testFraction       share of files held out for the reported (test) figures and the prompts, in (0, 1)
 * @param validationFraction share of files held out for model selection (early stopping), in [0, 1); 0 trains to the
 *                           step cap and reports the last step
 * @param maxValidationWindows validation windows scored at each validation (evenly chosen when the files hold more),
 *                           at least 1
 */
public record SplitPlan(double testFraction, double validationFraction, int maxValidationWindows) {

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

    /** 15% test, 10% validation, at most 64 validation windows. */
    public static SplitPlan defaults() {
        return new SplitPlan(0.15, 0.10, 64);
    }
}
