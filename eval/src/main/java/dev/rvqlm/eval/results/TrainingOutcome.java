package dev.rvqlm.eval.results;

import java.util.List;

/**
 * How a run's training went: what it cost and how its reported model was chosen.
 *
 * @param steps          optimizer steps taken (the best step's model is the one reported)
 * @param flops          training FLOPs spent: steps × FLOPs per optimizer step (LmConfig's estimate)
 * @param seconds        training wall time (validation excluded)
 * @param codesPerSecond codes (B·T·K per step) trained per wall second
 * @param curve          the training loss curve, thinned to at most a few hundred points
 * @param selection      the validation curve, the best step and why training ended
 */
public record TrainingOutcome(
        long steps,
        double flops,
        double seconds,
        double codesPerSecond,
        List<TrainingPoint> curve,
        ModelSelection selection) {

    public TrainingOutcome {
        curve = List.copyOf(curve);
    }
}
