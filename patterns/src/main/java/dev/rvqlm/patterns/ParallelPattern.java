package dev.rvqlm.patterns;

import java.util.Collections;

/**
 * All K codes of a timestep in one step: the delay pattern with every delay 0 (AudioCraft's
 * {@code ParallelPatternProvider}). Fewest steps, but the codebooks of one frame are predicted independently.
 * K=3, T=4:
 * <pre>
 * k=0  · 0 1 2 3
 * k=1  · 0 1 2 3
 * k=2  · 0 1 2 3
 * </pre>
 *
 * @param codebooks    K
 * @param emptyInitial empty steps after the initial special step (-1: no initial special step)
 */
public record ParallelPattern(int codebooks, int emptyInitial) implements PatternProvider {

    public ParallelPattern {
        Checks.requireCodebooks(codebooks);
        Checks.requireEmptyInitial(emptyInitial);
    }

    @Override
    public Pattern pattern(int timesteps) {
        return new DelayPattern(codebooks, Collections.nCopies(codebooks, 0), 0, emptyInitial).pattern(timesteps);
    }
}
