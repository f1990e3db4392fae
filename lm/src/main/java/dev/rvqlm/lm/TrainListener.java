package dev.rvqlm.lm;

import java.nio.file.Path;

/** Receives training progress; every method has a no-op default. Exceptions thrown here stop the run. */
public interface TrainListener {

    /** After each optimizer step. */
    default void onStep(StepMetrics metrics) {}

    /** After each validation pass. */
    default void onValidation(int step, NllResult result) {}

    /** After each checkpoint is written. */
    default void onCheckpoint(int step, Path path) {}

    TrainListener NONE = new TrainListener() {};
}
