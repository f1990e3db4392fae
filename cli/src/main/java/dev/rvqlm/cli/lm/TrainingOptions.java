package dev.rvqlm.cli.lm;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.lm.LmTraining;

/** The training options {@code rvq train} and {@code rvq eval} share, read into an {@link LmTraining} builder. */
public final class TrainingOptions {

    private TrainingOptions() {}

    /** {@code --timesteps --batch --steps --lr --warmup --seed} over {@code defaults}. */
    public static LmTraining.Builder read(Arguments a, LmTraining defaults) {
        return defaults.toBuilder()
                .timesteps(a.integer("timesteps", defaults.data().timesteps()))
                .batch(a.integer("batch", defaults.data().batch()))
                .steps(a.integer("steps", defaults.schedule().steps()))
                .peakLearningRate(a.real("lr", defaults.schedule().learningRate()))
                .warmupSteps(a.integer("warmup", defaults.schedule().warmupSteps()))
                .seed(a.longInteger("seed", defaults.run().seed()));
    }
}
