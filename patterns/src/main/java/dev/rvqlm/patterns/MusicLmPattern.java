package dev.rvqlm.patterns;

import java.util.ArrayList;
import java.util.List;

/**
 * Full flattening in MusicLM's order (AudioCraft's {@code MusicLMPattern}): codebooks are taken in groups of
 * {@code groupBy}; for each group, all T timesteps, each flattened one codebook per step.
 * K=2, T=3, group_by 1:
 * <pre>
 * k=0  · 0 1 2 · · ·
 * k=1  · · · · 0 1 2
 * </pre>
 *
 * @param codebooks K, a multiple of {@code groupBy}
 * @param groupBy   codebooks per group, at least 1
 */
public record MusicLmPattern(int codebooks, int groupBy) implements PatternProvider {

    public MusicLmPattern {
        Checks.requireCodebooks(codebooks);
        if (groupBy < 1) {
            throw new IllegalArgumentException("group_by must be at least 1, got " + groupBy);
        }
        if (codebooks % groupBy != 0) {
            throw new IllegalArgumentException(
                    "musiclm needs K to be a multiple of group_by: K=" + codebooks + ", group_by=" + groupBy);
        }
    }

    @Override
    public Pattern pattern(int timesteps) {
        Checks.requireTimesteps(timesteps);
        List<List<Coord>> layout = new ArrayList<>();
        layout.add(List.of());
        for (int first = 0; first < codebooks; first += groupBy) {
            for (int t = 0; t < timesteps; t++) {
                for (int k = first; k < first + groupBy; k++) {
                    layout.add(List.of(new Coord(t, k)));
                }
            }
        }
        return new Pattern(layout, timesteps, codebooks);
    }
}
