package dev.rvqlm.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ModelSelection;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.TestUnigram;
import dev.rvqlm.eval.results.ValidationPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class BelowUnigramTest {

    /** Fixture runs score k=1 at 5.0 bits/code on test; a baseline of 4.9 there puts every run below it. */
    private static final List<Double> BASELINE = List.of(4.5, 4.9, 6.0, 6.0);

    @Test
    void aRunWhoseTrainingLossIsAsHighAsValidationIsUnderfitNotMemorised() {
        RunResult underfit = withTrainLoss(Fixtures.result("delay", 75, 5.0), 5.2);
        List<String> warnings = BelowUnigram.warnings(results(List.of(underfit)));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("1 run scores worse than the unigram baseline"), warnings.get(0));
        assertTrue(warnings.get(0).contains("underfit, not memorised"), warnings.get(0));
        assertTrue(warnings.get(0).contains("delay 128x2 seed 0 (k=1)"), warnings.get(0));
    }

    @Test
    void aRunWhoseTrainingLossLiesWellBelowValidationMemorised() {
        RunResult memorised = withTrainLoss(Fixtures.result("flatten", 300, 5.0), 3.0);
        RunResult underfit = withTrainLoss(Fixtures.result("delay", 75, 5.0), 5.2);
        List<String> warnings = BelowUnigram.warnings(results(List.of(underfit, memorised)));
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).contains("delay"), warnings.get(0));
        assertTrue(warnings.get(1).contains("memorised their training files"), warnings.get(1));
        assertTrue(
                warnings.get(1).contains("flatten 128x2 seed 0 (k=1; training 3.000 against validation 5.100"),
                warnings.get(1));
    }

    @Test
    void aTrainingLossJustBelowValidationIsWithinNoise() {
        // 1% below validation: under the 2% that counts as a generalisation gap
        RunResult close = withTrainLoss(Fixtures.result("delay", 75, 5.0), 5.1 * 0.99);
        assertTrue(BelowUnigram.warnings(results(List.of(close))).get(0).contains("underfit"));
    }

    @Test
    void noRunBelowTheBaselineGivesNoWarning() {
        RunResult run = withTrainLoss(Fixtures.result("delay", 75, 5.0), 3.0);
        EvalResults results =
                Fixtures.results(List.of(run)).withUnigram(List.of(new TestUnigram(0, List.of(4.5, 5.5, 6.0, 6.0))));
        assertEquals(List.of(), BelowUnigram.warnings(results));
    }

    private static EvalResults results(List<RunResult> runs) {
        return Fixtures.results(runs).withUnigram(List.of(new TestUnigram(0, BASELINE)));
    }

    /** The run with every validation point's training loss set to {@code bits} (bits/code; stored in nats). */
    private static RunResult withTrainLoss(RunResult r, double bits) {
        ModelSelection s = r.training().selection();
        List<ValidationPoint> curve = s.curve().stream()
                .map(p -> new ValidationPoint(p.step(), p.flops(), p.seconds(), bits * Math.log(2), p.bitsPerCode()))
                .toList();
        return Fixtures.withSelection(
                r, new ModelSelection(curve, s.bestStep(), s.stoppedEarly(), s.stillImproving(), s.risingFor()));
    }
}
