package dev.rvqlm.eval.results;

import java.util.List;

/**
 * How a run's reported model was chosen: the validation curve, the best step (whose checkpoint is kept, scored on
 * the test files and sampled) and why training ended.
 *
 * @param curve          validations in step order (empty without validation files)
 * @param bestStep       the step of the lowest validation NLL (the last step without validation)
 * @param stoppedEarly   true when validation stopped improving before the step cap
 * @param stillImproving true when the best step was the last validation at the step cap: more steps would likely
 *                       help, the figures understate what the pattern can reach
 * @param risingFor      validations since the best one, all above it (a long stretch means overfitting)
 */
public record ModelSelection(
        List<ValidationPoint> curve, long bestStep, boolean stoppedEarly, boolean stillImproving, int risingFor) {

    public ModelSelection {
        curve = List.copyOf(curve);
    }
}
