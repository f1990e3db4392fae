package dev.rvqlm.eval.run;

import dev.rvqlm.eval.results.RunSpec;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.patterns.StepSelection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run will do, fixed before it starts: the LM config (its longest sequence sized for this model's layout),
 * the training run (steps set by the budget), the training FLOPs, and the settings that identify the run for
 * {@link RunCache}.
 *
 * @param run           which run (model, size, seed)
 * @param lm            the LM config
 * @param train         the training run settings
 * @param trainSequence S of one training crop (valid steps, as the trainer builds it)
 * @param trainFlops    total training FLOPs at the step cap: steps × accumulation × LmConfig.trainingFlops(B, S)
 * @param settings      the run's identifying settings (see {@link RunCache})
 */
public record RunPlan(
        RunSpec run,
        LmConfig lm,
        LmTraining train,
        int trainSequence,
        double trainFlops,
        Map<String, Object> settings) {

    public RunPlan {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The plan of {@code run} with this LM and training; S and the FLOPs follow from them. */
    static RunPlan of(RunSpec run, LmConfig lm, LmTraining train, Map<String, Object> settings) {
        int sequence = trainSequence(
                run.model().layout(lm.codebooks()), lm.codebooks(), train.data().timesteps());
        double flops =
                flopsPerOptimizerStep(lm, train, sequence) * train.schedule().steps();
        return new RunPlan(run, lm, train, sequence, flops, settings);
    }

    /** The layout the run's transformer runs over. */
    public PatternSpec layout() {
        return run.model().layout(lm.codebooks());
    }

    /** Training FLOPs of one optimizer step. */
    public double flopsPerStep() {
        return trainFlops / train.schedule().steps();
    }

    /** Sequence steps of a training crop of T frames (valid steps only, as the trainer builds batches). */
    static int trainSequence(PatternSpec spec, int codebooks, int timesteps) {
        return spec.pattern(codebooks, timesteps)
                .steps(StepSelection.VALID_STEPS)
                .size();
    }

    /** The longest sequence (all steps, as scoring and sampling build it) over the given lengths in frames. */
    static int longestSequence(PatternSpec spec, int codebooks, int... timesteps) {
        int longest = 2;
        for (int t : timesteps) {
            longest = Math.max(
                    longest,
                    spec.pattern(codebooks, t).steps(StepSelection.ALL_STEPS).size());
            longest = Math.max(longest, trainSequence(spec, codebooks, t));
        }
        return longest;
    }

    /** Training FLOPs of one optimizer step with this LM at S = trainSequence. */
    static double flopsPerOptimizerStep(LmConfig lm, LmTraining train, int trainSequence) {
        return lm.trainingFlops(train.data().batch(), trainSequence)
                * train.data().accumulation();
    }
}
