package dev.rvqlm.patterns;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties every provider keeps, over random K, T, delays and flattenings (QuickTheories, fixed seed). */
class PatternPropertiesTest {

    private static final int EXAMPLES = 400;
    private static final long SEED = 20261123L;

    /** A provider with the timesteps to lay it out for. */
    record Case(PatternProvider provider, int timesteps) {
        Pattern pattern() {
            return provider.pattern(timesteps);
        }
    }

    private static Gen<List<Integer>> sorted(int size, int max) {
        return lists().of(integers().between(0, max)).ofSize(size).map(values -> {
            List<Integer> copy = new ArrayList<>(values);
            Collections.sort(copy);
            return copy;
        });
    }

    private static Gen<PatternProvider> delay(int k) {
        return sorted(k, 4)
                .zip(
                        integers().between(0, 2),
                        integers().between(-1, 2),
                        (delays, flattenFirst, emptyInitial) ->
                                new DelayPattern(k, delays, flattenFirst, emptyInitial));
    }

    /** Sorted flattening; codebooks sharing an inner step share a delay, delays non-decreasing. */
    private static Gen<PatternProvider> unrolled(int k) {
        return sorted(k, 3).zip(lists().of(integers().between(0, 2)).ofSize(4), (flattening, increments) -> {
            List<Integer> delays = new ArrayList<>();
            int delay = 0;
            for (int q = 0; q < k; q++) {
                if (q > 0 && !flattening.get(q).equals(flattening.get(q - 1))) {
                    delay += increments.get(flattening.get(q));
                }
                delays.add(delay);
            }
            return new UnrolledPattern(k, flattening, delays);
        });
    }

    private static Gen<PatternProvider> providers(int k) {
        List<Gen<PatternProvider>> kinds = new ArrayList<>(
                List.of(delay(k), unrolled(k), integers().between(-1, 1).map(e -> new ParallelPattern(k, e))));
        if (k >= 2) {
            kinds.add(sorted(k - 1, 3).map(d -> new CoarseFirstPattern(k, d)));
        }
        List<Integer> divisors = new ArrayList<>();
        for (int g = 1; g <= k; g++) {
            if (k % g == 0) {
                divisors.add(g);
            }
        }
        kinds.add(integers().between(0, divisors.size() - 1).map(i -> new MusicLmPattern(k, divisors.get(i))));
        return integers().between(0, kinds.size() - 1).flatMap(kinds::get);
    }

    private static Gen<Case> cases() {
        return integers()
                .between(1, 6)
                .flatMap(PatternPropertiesTest::providers)
                .zip(integers().between(0, 12), Case::new)
                .assuming(c -> c.timesteps() > 0 || !withoutInitialStep(c.provider()));
    }

    /** empty_initial=-1 at T=0 leaves no step at all, which the reference rejects too (see PatternTest). */
    private static boolean withoutInitialStep(PatternProvider provider) {
        return provider instanceof DelayPattern d && d.emptyInitial() < 0
                || provider instanceof ParallelPattern p && p.emptyInitial() < 0;
    }

    private static int[][] distinctCodes(int k, int t) {
        int[][] codes = new int[k][t];
        for (int q = 0; q < k; q++) {
            for (int s = 0; s < t; s++) {
                codes[q][s] = q * 1000 + s;
            }
        }
        return codes;
    }

    @Test
    void revertUndoesBuildOnEveryValidCell() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(cases()).check(c -> {
            Pattern p = c.pattern();
            int[][] codes = distinctCodes(p.codebooks(), p.timesteps());
            for (StepSelection selection : StepSelection.values()) {
                CodeGrid built = p.build(codes, -1, selection);
                CodeGrid back = p.revert(built.values(), -1, selection);
                for (int k = 0; k < codes.length; k++) {
                    for (int t = 0; t < codes[k].length; t++) {
                        if (back.mask()[k][t] && back.values()[k][t] != codes[k][t]) {
                            return false;
                        }
                    }
                }
            }
            return true;
        });
    }

    @Test
    void allStepsCoverEveryCellOfTheGrid() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(cases()).check(c -> {
            Pattern p = c.pattern();
            CodeGrid built = p.build(distinctCodes(p.codebooks(), p.timesteps()), -1, StepSelection.ALL_STEPS);
            CodeGrid back = p.revert(built.values(), -1, StepSelection.ALL_STEPS);
            for (boolean[] row : back.mask()) {
                for (boolean covered : row) {
                    if (!covered) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    @Test
    void eachCellAppearsAtMostOnce() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(cases()).check(c -> {
            Pattern p = c.pattern();
            Set<Coord> seen = new HashSet<>();
            for (List<Coord> step : p.layout()) {
                for (Coord coord : step) {
                    if (coord.t() < p.timesteps() && !seen.add(coord)) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    @Test
    void buildNeverReadsOutsideTheGrid() {
        // Codes shorter than the pattern's T are allowed (as in the reference): only cells t < T' are read.
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(cases(), integers().between(0, 12))
                .check((c, cut) -> {
                    Pattern p = c.pattern();
                    int codeTimesteps = Math.min(cut, p.timesteps());
                    GatherIndex index = p.buildIndex(codeTimesteps, StepSelection.ALL_STEPS);
                    int cells = p.codebooks() * codeTimesteps;
                    for (int k = 0; k < index.codebooks(); k++) {
                        for (int s = 0; s < index.columns(); s++) {
                            int i = index.index()[k][s];
                            boolean inside = i >= 0 && i < cells && i / Math.max(1, codeTimesteps) == k;
                            if (index.mask()[k][s] != inside || (!inside && i != index.fillIndex())) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
    }

    @Test
    void scoresOfAStepPredictTheNextStep() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(cases()).check(c -> {
            Pattern p = c.pattern();
            int steps = p.layout().size();
            float[][][] scores = new float[p.codebooks()][steps][1];
            for (float[][] row : scores) {
                for (int s = 0; s < steps; s++) {
                    row[s][0] = s;
                }
            }
            ScoreGrid reverted = p.revertScores(scores, -1f, StepSelection.ALL_STEPS);
            int shift = p.startsWithSpecialToken() ? 1 : 0;
            for (int s = 0; s < steps; s++) {
                for (Coord coord : p.layout().get(s)) {
                    if (coord.t() < p.timesteps()
                            && s - shift >= 0
                            && reverted.scores()[coord.k()][coord.t()][0] != s - shift) {
                        return false;
                    }
                }
            }
            return true;
        });
    }
}
