package dev.rvqlm.patterns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Codebook k is shifted right by {@code delays[k]} steps (AudioCraft's {@code DelayedPatternProvider}; MusicGen's
 * default). Optionally the first {@code flattenFirst} timesteps are flattened one codebook per step, and
 * {@code emptyInitial} empty steps follow the initial special step; as in the reference, -1 removes the initial
 * special step itself (the layout then starts with timestep 0) and lower values act as -1.
 * K=3, T=4, delays 0,1,2:
 * <pre>
 * k=0  · 0 1 2 3 · ·
 * k=1  · · 0 1 2 3 ·
 * k=2  · · · 0 1 2 3
 * </pre>
 *
 * @param codebooks    K
 * @param delays       one delay per codebook, sorted, each >= 0
 * @param flattenFirst timesteps at the start that are flattened instead of delayed
 * @param emptyInitial empty steps after the initial special step (-1: no initial special step)
 */
public record DelayPattern(int codebooks, List<Integer> delays, int flattenFirst, int emptyInitial)
        implements PatternProvider {

    public DelayPattern {
        Checks.requireCodebooks(codebooks);
        delays = List.copyOf(delays);
        Checks.requireLength("delays", delays, codebooks, "one value per codebook K");
        Checks.requireSortedNonNegative("delays", delays);
        Checks.requireNonNegative("flatten_first", flattenFirst);
        Checks.requireEmptyInitial(emptyInitial);
    }

    /** The default delay pattern: delays 0, 1, ..., K-1. */
    public static DelayPattern standard(int codebooks) {
        Checks.requireCodebooks(codebooks);
        List<Integer> delays = new ArrayList<>();
        for (int k = 0; k < codebooks; k++) {
            delays.add(k);
        }
        return new DelayPattern(codebooks, delays, 0, 0);
    }

    @Override
    public Pattern pattern(int timesteps) {
        Checks.requireTimesteps(timesteps);
        List<List<Coord>> layout = new ArrayList<>();
        for (int i = 0; i < 1 + emptyInitial; i++) {
            layout.add(List.of());
        }
        for (int t = 0; t < Math.min(timesteps, flattenFirst); t++) {
            for (int k = 0; k < codebooks; k++) {
                layout.add(List.of(new Coord(t, k)));
            }
        }
        int maxDelay = Collections.max(delays);
        for (int t = flattenFirst; t < timesteps + maxDelay; t++) {
            List<Coord> step = new ArrayList<>();
            for (int k = 0; k < codebooks; k++) {
                int shifted = t - delays.get(k);
                if (shifted >= flattenFirst) {
                    step.add(new Coord(shifted, k));
                }
            }
            layout.add(step);
        }
        return new Pattern(layout, timesteps, codebooks);
    }
}
