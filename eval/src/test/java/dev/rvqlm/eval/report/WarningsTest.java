package dev.rvqlm.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rvqlm.eval.results.ModelSelection;
import dev.rvqlm.eval.results.RunResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningsTest {

    private static final String STILL_IMPROVING = " ended still improving at the step cap (best validation at the "
            + "last validation; more steps would lower their figures): ";

    @Test
    void aFewRunsStillImprovingAreNamed() {
        List<RunResult> runs =
                List.of(Fixtures.result("parallel", 75, 6.0, 0, 0.01), Fixtures.result("delay", 75, 5.1, 0, 0.01));
        assertEquals(
                List.of("2 runs" + STILL_IMPROVING + "parallel seed 0, delay seed 0"),
                Warnings.grouped(Fixtures.results(runs)));
    }

    @Test
    void mostOfALargeGridStillImprovingIsToldByTheRunsThatAreNot() {
        List<RunResult> runs = new ArrayList<>();
        for (String pattern : List.of("parallel", "delay", "partial-flatten", "flatten", "musiclm")) {
            for (long seed = 0; seed < 2; seed++) {
                runs.add(Fixtures.result(pattern, 75, 5.0, seed, 0.01));
            }
        }
        runs.set(5, converged(runs.get(5)));
        assertEquals(
                List.of("9 runs" + STILL_IMPROVING + "every run but partial-flatten seed 1"),
                Warnings.grouped(Fixtures.results(runs)));
    }

    /** The run with its best validation before the cap. */
    private static RunResult converged(RunResult r) {
        ModelSelection s = r.training().selection();
        return Fixtures.withSelection(r, new ModelSelection(s.curve(), s.bestStep(), false, false, 0));
    }
}
