package dev.rvqlm.patterns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each timestep is unrolled into inner steps; codebook k goes to inner step {@code flattening[k]} (codebooks that
 * share an inner step stay parallel), shifted by {@code delays[k]} timesteps (AudioCraft's
 * {@code UnrolledPatternProvider}). Flattening 0..K-1 is full flattening, the best-modelling and longest pattern.
 * K=3, T=3, flattening 0,1,2 (full):
 * <pre>
 * k=0  · 0 · · 1 · · 2 · ·
 * k=1  · · 0 · · 1 · · 2 ·
 * k=2  · · · 0 · · 1 · · 2
 * </pre>
 * K=3, T=3, flattening 0,1,1 (partial):
 * <pre>
 * k=0  · 0 · 1 · 2 ·
 * k=1  · · 0 · 1 · 2
 * k=2  · · 0 · 1 · 2
 * </pre>
 *
 * @param codebooks  K
 * @param flattening inner step of each codebook, sorted, each >= 0
 * @param delays     delay of each codebook in timesteps, sorted, equal for codebooks sharing an inner step
 */
public record UnrolledPattern(int codebooks, List<Integer> flattening, List<Integer> delays)
        implements PatternProvider {

    private record InnerStep(List<Integer> codebooks, int delay) {}

    /** An unrolled step waiting to be placed: its sequence position, then its coordinates as the sort key. */
    private record Placed(int position, List<Coord> coords) {}

    private static final Comparator<List<Coord>> LEXICOGRAPHIC = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int byCoord = a.get(i).compareTo(b.get(i));
            if (byCoord != 0) {
                return byCoord;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    public UnrolledPattern {
        Checks.requireCodebooks(codebooks);
        flattening = List.copyOf(flattening);
        delays = List.copyOf(delays);
        Checks.requireLength("flattening", flattening, codebooks, "one value per codebook K");
        Checks.requireLength("delays", delays, codebooks, "one value per codebook K");
        Checks.requireSortedNonNegative("flattening", flattening);
        Checks.requireSortedNonNegative("delays", delays);
        innerSteps(flattening, delays);
    }

    /** Full flattening, one codebook per step: flattening 0..K-1, no delays. */
    public static UnrolledPattern flatten(int codebooks) {
        Checks.requireCodebooks(codebooks);
        List<Integer> flattening = new ArrayList<>();
        for (int k = 0; k < codebooks; k++) {
            flattening.add(k);
        }
        return new UnrolledPattern(codebooks, flattening, Collections.nCopies(codebooks, 0));
    }

    private static Map<Integer, InnerStep> innerSteps(List<Integer> flattening, List<Integer> delays) {
        Map<Integer, InnerStep> steps = new TreeMap<>();
        for (int k = 0; k < flattening.size(); k++) {
            InnerStep step = steps.get(flattening.get(k));
            if (step == null) {
                steps.put(flattening.get(k), new InnerStep(new ArrayList<>(List.of(k)), delays.get(k)));
            } else if (step.delay() != delays.get(k)) {
                throw new IllegalArgumentException("codebooks flattened to the same step must have the same delay: "
                        + "codebook " + k + " (delay " + delays.get(k) + ") shares step " + flattening.get(k)
                        + " with codebook " + step.codebooks().get(0) + " (delay " + step.delay() + ")");
            } else {
                step.codebooks().add(k);
            }
        }
        return steps;
    }

    @Override
    public Pattern pattern(int timesteps) {
        Checks.requireTimesteps(timesteps);
        Map<Integer, InnerStep> steps = innerSteps(flattening, delays);
        int innerStepCount = Collections.max(flattening) + 1;
        int end = timesteps + Collections.max(delays);
        List<Placed> placed = new ArrayList<>();
        placed.add(new Placed(-1, List.of()));
        for (int t = 0; t < end; t++) {
            for (int inner = 0; inner < innerStepCount; inner++) {
                InnerStep step = steps.get(inner);
                if (step == null) {
                    placed.add(new Placed(t, List.of()));
                } else if (t + step.delay() < end) {
                    List<Coord> coords = new ArrayList<>();
                    for (int k : step.codebooks()) {
                        coords.add(new Coord(t, k));
                    }
                    placed.add(new Placed(t + step.delay(), coords));
                }
            }
        }
        // Same order as the reference's sorted() over (position, coordinates) pairs; the sort is stable.
        placed.sort(Comparator.comparingInt(Placed::position).thenComparing(Placed::coords, LEXICOGRAPHIC));
        List<List<Coord>> layout = new ArrayList<>();
        for (Placed p : placed) {
            layout.add(p.coords());
        }
        return new Pattern(layout, timesteps, codebooks);
    }
}
