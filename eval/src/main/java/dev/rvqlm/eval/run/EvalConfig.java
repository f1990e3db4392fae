package dev.rvqlm.eval.run;

import dev.rvqlm.eval.data.SplitPlan;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.patterns.PatternSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * One experiment: which patterns, and the settings they all share.
 *
 * @param patterns        pattern specs, at least one, no duplicates; the first is the FLOPs budget's reference
 * @param model           LM size (the same for every pattern)
 * @param train           training run settings (crop T, batch, steps, learning rate, first seed); the first seed
 *                        also fixes the held-out split, so every pattern sees the same data
 * @param budget          equal steps (default) or equal FLOPs; the steps are a cap when early stopping is on
 * @param split           test and validation shares of the token files
 * @param stopping        validation interval and patience
 * @param sampling        sample-based metrics and sampling speed
 * @param repeats         seeds per pattern, fixed or per-seed split
 */
public record EvalConfig(
        List<PatternSpec> patterns,
        ModelShape model,
        LmTraining train,
        Budget budget,
        SplitPlan split,
        EarlyStopping stopping,
        SamplingPlan sampling,
        Repeats repeats) {

    /** The four patterns of the MusicGen comparison. */
    public static final List<String> DEFAULT_PATTERNS = List.of("parallel", "delay", "partial-flatten", "flatten");

    public EvalConfig {
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("give at least one pattern");
        }
        Set<String> seen = new HashSet<>();
        for (PatternSpec spec : patterns) {
            if (!seen.add(spec.toString())) {
                throw new IllegalArgumentException("pattern " + spec + " is given twice");
            }
        }
        if (model == null
                || train == null
                || budget == null
                || split == null
                || stopping == null
                || sampling == null
                || repeats == null) {
            throw new IllegalArgumentException(
                    "model, train, budget, split, stopping, sampling and repeats must all " + "be given");
        }
    }

    /**
     * Eval's training defaults, chosen to bring the default model close to convergence on corpora like
     * {@code rvq tokens synth}'s: peak learning rate 2e-3 after 100 warm-up steps, a cap of 3000 steps (early
     * stopping usually ends runs before it); otherwise the lm defaults (T=64, B=8, AdamW, cosine decay).
     */
    public static LmTraining defaultTraining() {
        return LmTraining.defaults().toBuilder()
                .steps(3000)
                .peakLearningRate(2e-3)
                .warmupSteps(100)
                .build();
    }

    /** The default patterns, parsed. */
    public static List<PatternSpec> defaultPatterns() {
        return DEFAULT_PATTERNS.stream().map(PatternSpec::parse).toList();
    }

    /** The first seed: it fixes the held-out split unless {@code repeats.resplit()}. */
    public long seed() {
        return train.run().seed();
    }

    /** The seeds of the runs: first, first + 1, …. */
    public List<Long> seeds() {
        return LongStream.range(0, repeats.seeds())
                .mapToObj(i -> train.run().seed() + i)
                .toList();
    }
}
