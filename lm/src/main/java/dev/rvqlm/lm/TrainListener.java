package dev.rvqlm.lm;

import java.nio.file.Path;

/**
 * Receives training progress and decides whether training goes on; every method has a default (observe nothing,
 * always continue). An exception thrown here is a failure and ends the run with it; a run that should end early
 * (early stopping) says so with {@link #afterStep}'s {@link Decision#STOP}.
 */
public interface TrainListener {

    /** What the trainer does after a step. */
    enum Decision {
        /** Go on to the next step (or end at the last one). */
        CONTINUE,
        /** End the run after this step, as if it were the last: the final checkpoint is written, the result returned. */
        STOP
    }

    /** After each optimizer step. */
    default void onStep(StepMetrics metrics) {}

    /**
     * After each optimizer step, once {@link #onStep} has seen it: whether training goes on. Early stopping answers
     * here (validating the model first if it likes); the default always continues.
     */
    default Decision afterStep(StepMetrics metrics) {
        return Decision.CONTINUE;
    }

    /** After each validation pass. */
    default void onValidation(int step, NllResult result) {}

    /** After each checkpoint is written. */
    default void onCheckpoint(int step, Path path) {}

    TrainListener NONE = new TrainListener() {};
}
