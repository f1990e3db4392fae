package dev.rvqlm.eval.run;

import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.patterns.PatternSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One experiment: which patterns, and the settings they all share.
 *
 * @param patterns        pattern specs, at least one, no duplicates; the first is the FLOPs budget's reference
 * @param model           LM size (the same for every pattern)
 * @param train           training run settings (crop T, batch, steps, learning rate, seed); the seed also fixes
 *                        the held-out split, so every pattern sees the same data
 * @param budget          equal steps (default) or equal FLOPs
 * @param heldOutFraction share of token files held out for scoring and prompts, in (0, 1) (default 0.15)
 * @param sampling        sample-based metrics and sampling speed
 */
public record EvalConfig(List<PatternSpec> patterns, ModelShape model, LmTraining train, Budget budget,
                         double heldOutFraction, SamplingPlan sampling) {

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
        if (model == null || train == null || budget == null || sampling == null) {
            throw new IllegalArgumentException("model, train, budget and sampling must all be given");
        }
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("heldOutFraction must be in (0, 1), got " + heldOutFraction);
        }
    }

    /** The default patterns, parsed. */
    public static List<PatternSpec> defaultPatterns() {
        return DEFAULT_PATTERNS.stream().map(PatternSpec::parse).toList();
    }

    /** The run seed. */
    public long seed() {
        return train.run().seed();
    }
}
