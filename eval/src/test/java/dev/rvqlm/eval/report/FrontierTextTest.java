package dev.rvqlm.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.results.Crossing;
import dev.rvqlm.eval.results.Interval;
import dev.rvqlm.eval.results.Lead;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frontier's sentences: the claim, and which crossings are told. */
class FrontierTextTest {

    @Test
    void theClaimIsTheLeaderAtTheBudgetAndHowFarDownItLeads() {
        List<Lead> leads = List.of(
                new Lead(1e10, "parallel", false, "delay"),
                new Lead(1e11, "parallel", false, "delay"),
                new Lead(1e12, "flatten", false, "parallel"));
        assertEquals(
                "At equal training compute from 1.0e+12 FLOPs up to the budget, 1.0e+12 FLOPs, flatten leads; below "
                        + "1.0e+12, parallel.",
                FrontierText.claim(leads));
        assertEquals(
                "At equal training compute parallel leads at every level measured, from 1.0e+10 to 1.0e+11 FLOPs.",
                FrontierText.claim(leads.subList(0, 2)));
    }

    @Test
    void aLeadAtTheSmallestComputeOnlyDoesNotMakeTheClaim() {
        // demo seed 1: delay ahead by 0.2% at the first levels only, parallel from there to the budget
        List<Lead> leads = List.of(
                new Lead(3.3e10, "delay", false, "parallel"),
                new Lead(6.4e10, "parallel", false, "delay"),
                new Lead(5.6e12, "parallel", false, "delay"));
        assertEquals(
                "At equal training compute from 6.4e+10 FLOPs up to the budget, 5.6e+12 FLOPs, parallel leads; below "
                        + "6.4e+10, delay.",
                FrontierText.claim(leads));
    }

    @Test
    void crossingsFarBeyondTheBudgetAreCountedNotTold() {
        Crossing near = new Crossing("delay", "flatten", Crossing.Kind.EXTRAPOLATED, new Interval(3e13, 2e13, 5e13));
        Crossing far =
                new Crossing("parallel", "flatten", Crossing.Kind.EXTRAPOLATED, new Interval(8e225, 8e225, 8e225));
        String text = FrontierText.crossings(List.of(near, far), 1e12, true);

        assertTrue(text.startsWith("No two frontiers cross within the budget. "), text);
        assertTrue(text.contains("delay and flatten at 3.0e+13 FLOPs"), text);
        assertFalse(text.contains("8.0e+225"), text);
        assertTrue(text.contains("1 more fitted crossing lies over 100× beyond the budget"), text);
    }

    @Test
    void aMeasuredCrossingIsToldWithItsResolution() {
        Crossing measured = new Crossing("parallel", "delay", Crossing.Kind.UNRESOLVED, new Interval(4e11, 4e11, 4e11));
        String text = FrontierText.crossings(List.of(measured), 1e12, true);

        assertEquals(
                "Crossings within the budget: parallel and delay cross at 4.0e+11 FLOPs (within the seeds' noise). ",
                text);
        assertEquals(
                "Crossings within the budget: parallel and delay cross at 4.0e+11 FLOPs (one seed, so not resolved). ",
                FrontierText.crossings(List.of(measured), 1e12, false));
    }

    @Test
    void manyUnresolvedCrossingsAreSummedUpAndResolvedOnesStillTold() {
        Crossing resolved = new Crossing("flatten", "delay", Crossing.Kind.RESOLVED, new Interval(5e11, 5e11, 5e11));
        List<Crossing> crossings = new java.util.ArrayList<>(List.of(resolved));
        String[][] pairs = {{"parallel", "delay"}, {"delay", "depth"}, {"depth", "parallel"}, {"parallel", "delay"}};
        double[] at = {2e10, 3e10, 4e10, 7e10};
        for (int i = 0; i < pairs.length; i++) {
            crossings.add(new Crossing(
                    pairs[i][0], pairs[i][1], Crossing.Kind.UNRESOLVED, new Interval(at[i], at[i], at[i])));
        }
        String text = FrontierText.crossings(crossings, 1e12, true);

        assertTrue(text.contains("flatten and delay cross at 5.0e+11 FLOPs (flatten lower below"), text);
        assertTrue(
                text.contains("4 crossings among parallel, delay, depth between 2.0e+10 and 7.0e+10 FLOPs "
                        + "(within the seeds' noise; results.json lists them)"),
                text);
        assertFalse(text.contains("depth and parallel cross"), text);
    }
}
