package dev.rvqlm.lm;

import java.util.List;

/**
 * The outcome of {@link LmTrainer#train} or {@link LmTrainer#resume}.
 *
 * @param model       the trained model (the caller closes it)
 * @param history     metrics of every step run in this call
 * @param validation  the last validation result, or null when there is no held-out file
 * @param wallSeconds wall time of this call
 */
public record TrainResult(LmModel model, List<StepMetrics> history, NllResult validation, double wallSeconds) {

    public TrainResult {
        history = List.copyOf(history);
    }

    /** The training losses of the steps run in this call. */
    public double[] losses() {
        return history.stream().mapToDouble(StepMetrics::loss).toArray();
    }

    /** The last step's loss (NaN when no step ran). */
    public double finalLoss() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).loss();
    }
}
