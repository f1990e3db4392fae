package dev.rvqlm.eval.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.results.Crossing;
import dev.rvqlm.eval.results.Lead;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class FrontierTest {

    private static RunCurve run(String pattern, String size, long seed, double[][] points) {
        List<RunCurve.Point> list = new ArrayList<>();
        for (double[] p : points) {
            list.add(new RunCurve.Point(p[0], p[1]));
        }
        return new RunCurve(pattern, size, seed, list);
    }

    /**
     * A run validated at 240 log-spaced compute levels in [from, to] (a factor of at most 1.06 apart over 6 decades),
     * bits/s = law(C) × (1 + a seed-dependent wiggle).
     */
    private static RunCurve law(String pattern, long seed, double from, double to, DoubleUnaryOperator law) {
        List<RunCurve.Point> points = new ArrayList<>();
        for (double c : ComputeGrid.logSpaced(from, to, 240)) {
            points.add(new RunCurve.Point(c, law.applyAsDouble(c) * (1 + 1e-4 * (seed - 1))));
        }
        return new RunCurve(pattern, "64x2", seed, points);
    }

    @Test
    void theFrontierIsTheLowerEnvelopeOverSizesOfTheBestWithinEachBudget() {
        // a small model learns fast and stalls; a large one starts worse and ends better
        RunCurve small = run("delay", "64x2", 0, new double[][] {{1, 5}, {2, 4}, {4, 3.5}, {8, 3.6}});
        RunCurve large = run("delay", "256x4", 0, new double[][] {{2, 6}, {4, 3.0}, {8, 2.0}});
        Frontier f = Frontier.of("delay", List.of(small, large), List.of(1.0, 2.0, 3.0, 4.0, 8.0, 16.0));
        assertEquals(List.of(0L), f.seeds());
        double[] expected = {5, 4, 4, 3.0, 2.0, 2.0}; // 3.6 at 8 is not the best within 8: 3.5 (small) and 2.0 (large)
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], f.at(i).mean(), 1e-12, "level " + i);
        }
        assertEquals(
                Double.POSITIVE_INFINITY,
                Frontier.of("delay", List.of(large), List.of(1.0)).at(0).mean());
    }

    @Test
    void theIntervalIsOverSeedsOfEachSeedsEnvelope() {
        List<RunCurve> runs = List.of(
                run("flatten", "64x2", 0, new double[][] {{1, 10}}),
                run("flatten", "64x2", 1, new double[][] {{1, 12}}),
                run("flatten", "128x2", 1, new double[][] {{1, 11}}),
                run("flatten", "64x2", 2, new double[][] {{1, 12}}));
        Frontier f = Frontier.of("flatten", runs, List.of(1.0));
        assertEquals(11.0, f.at(0).mean(), 1e-12, "envelopes 10, 11, 12");
        assertEquals(11 - 4.303 / Math.sqrt(3), f.at(0).low(), 1e-9, "Student t, 2 degrees of freedom, sd 1");
    }

    @Test
    void crossingsAreFoundWhereTheyAre() {
        // a = 100 C^-0.1 and b = 200 C^-0.2 meet at C^0.1 = 2, C = 1024: a leads below, b above
        List<RunCurve> runs = new ArrayList<>();
        for (long seed = 0; seed < 3; seed++) {
            runs.add(law("a", seed, 1, 1e6, c -> 100 * Math.pow(c, -0.1)));
            runs.add(law("b", seed, 1, 1e6, c -> 200 * Math.pow(c, -0.2)));
        }
        List<Double> grid = ComputeGrid.logSpaced(1, 1e6, 200);
        Frontier a = Frontier.of("a", runs, grid);
        Frontier b = Frontier.of("b", runs, grid);
        List<Crossing> crossings = Crossings.between(a, b);
        assertEquals(1, crossings.size(), crossings.toString());
        Crossing c = crossings.get(0);
        assertEquals("a", c.below());
        assertEquals("b", c.above());
        assertEquals(Crossing.Kind.RESOLVED, c.kind());
        assertEquals(1024, c.flops().mean(), 1024 * 0.06, "within one validation interval");
        List<Lead> leads = Leads.of(List.of(a, b));
        assertEquals("a", leads.get(0).leader());
        assertTrue(leads.get(0).resolved());
        assertEquals("b", leads.get(leads.size() - 1).leader());
    }

    @Test
    void aCrossingBeyondTheBudgetIsFlaggedAsAnExtrapolation() {
        List<RunCurve> runs = new ArrayList<>();
        for (long seed = 0; seed < 3; seed++) {
            runs.add(law("a", seed, 1, 300, c -> 100 * Math.pow(c, -0.1)));
            runs.add(law("b", seed, 1, 300, c -> 200 * Math.pow(c, -0.2)));
        }
        List<Double> grid = ComputeGrid.logSpaced(1, 300, 100);
        List<Crossing> crossings = Crossings.between(Frontier.of("a", runs, grid), Frontier.of("b", runs, grid));
        assertEquals(1, crossings.size(), crossings.toString());
        Crossing c = crossings.get(0);
        assertEquals(Crossing.Kind.EXTRAPOLATED, c.kind());
        assertEquals("a", c.below());
        assertEquals(1024, c.flops().mean(), 1024 * 0.1, "the power laws are exact here");
        assertTrue(c.flops().low() > 300, "beyond the budget");
    }

    @Test
    void patternsWithinTheSeedsNoiseCrossUnresolved() {
        List<RunCurve> runs = new ArrayList<>();
        double[] noise = {0.03, -0.02, 0.01};
        for (int seed = 0; seed < 3; seed++) {
            double shift = noise[seed];
            runs.add(law("a", seed, 1, 1e4, c -> 100 * Math.pow(c, -0.1) * (1 + shift)));
            runs.add(law("b", seed, 1, 1e4, c -> 100 * Math.pow(c, -0.1) * (1 + 0.004 * Math.log10(c) - 0.008)));
        }
        List<Double> grid = ComputeGrid.logSpaced(1, 1e4, 50);
        List<Crossing> crossings = Crossings.between(Frontier.of("a", runs, grid), Frontier.of("b", runs, grid));
        assertEquals(1, crossings.size(), crossings.toString());
        assertEquals(Crossing.Kind.UNRESOLVED, crossings.get(0).kind());
    }
}
