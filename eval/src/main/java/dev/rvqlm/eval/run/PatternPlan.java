package dev.rvqlm.eval.run;

import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.patterns.StepSelection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one pattern's run will do, fixed before it starts: the LM config (its longest sequence sized for this
 * pattern), the training run (steps set by the budget), the training FLOPs, and the settings that identify the run
 * for {@link RunCache}.
 *
 * @param spec          the pattern
 * @param lm            the LM config
 * @param train         the training run settings
 * @param trainSequence S of one training crop (valid steps, as the trainer builds it)
 * @param trainFlops    total training FLOPs: steps × accumulation × LmConfig.trainingFlops(B, S)
 * @param settings      the run's identifying settings (see {@link RunCache})
 */
public record PatternPlan(
        PatternSpec spec,
        LmConfig lm,
        LmTraining train,
        int trainSequence,
        double trainFlops,
        Map<String, Object> settings) {

    public PatternPlan {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
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
