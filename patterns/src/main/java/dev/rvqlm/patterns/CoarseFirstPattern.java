package dev.rvqlm.patterns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * All T codes of codebook 0 first, then codebooks 1..K-1 with their delays (AudioCraft's
 * {@code CoarseFirstPattern}; AudioCraft v1.0 called the same layout {@code VALLEPattern}). Not causal across
 * codebooks: always generate the full training length, or the fine codebooks start in the wrong place.
 * K=3, T=3, delays 0,0:
 * <pre>
 * k=0  · 0 1 2 · · ·
 * k=1  · · · · 0 1 2
 * k=2  · · · · 0 1 2
 * </pre>
 *
 * @param codebooks K, at least 2
 * @param delays    one delay per fine codebook (K-1 values), sorted, each >= 0
 */
public record CoarseFirstPattern(int codebooks, List<Integer> delays) implements PatternProvider {

    public CoarseFirstPattern {
        Checks.requireCodebooks(codebooks);
        if (codebooks < 2) {
            throw new IllegalArgumentException(
                    "coarse-first needs K >= 2 codebooks (one coarse, then the fine ones)," + " got K=" + codebooks);
        }
        delays = List.copyOf(delays);
        Checks.requireLength("delays", delays, codebooks - 1, "one value per fine codebook K-1");
        Checks.requireSortedNonNegative("delays", delays);
    }

    /** Fine codebooks in parallel: delays all 0. */
    public static CoarseFirstPattern undelayed(int codebooks) {
        return new CoarseFirstPattern(codebooks, Collections.nCopies(Math.max(0, codebooks - 1), 0));
    }

    @Override
    public Pattern pattern(int timesteps) {
        Checks.requireTimesteps(timesteps);
        List<List<Coord>> layout = new ArrayList<>();
        layout.add(List.of());
        for (int t = 0; t < timesteps; t++) {
            layout.add(List.of(new Coord(t, 0)));
        }
        for (int t = 0; t < timesteps + Collections.max(delays); t++) {
            List<Coord> step = new ArrayList<>();
            for (int fine = 0; fine < delays.size(); fine++) {
                int shifted = t - delays.get(fine);
                if (shifted >= 0) {
                    step.add(new Coord(shifted, fine + 1));
                }
            }
            layout.add(step);
        }
        return new Pattern(layout, timesteps, codebooks);
    }
}
