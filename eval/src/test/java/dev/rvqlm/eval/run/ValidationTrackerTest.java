package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rvqlm.eval.run.ValidationTracker.Decision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTrackerTest {

    /** Every 100 steps, 3 validations in a row more than 1% above the best, 1% below unigram to leave the plateau. */
    private static final EarlyStopping RULE = new EarlyStopping(100, 3);

    /** Feeds a validation curve (one point per 100 steps) and returns the decisions up to the first STOP. */
    private static List<Decision> feed(ValidationTracker tracker, double... bits) {
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < bits.length; i++) {
            decisions.add(tracker.add(100L * (i + 1), bits[i]));
            if (decisions.get(i) == Decision.STOP) {
                break;
            }
        }
        return decisions;
    }

    @Test
    void anOverfittingRunStopsOnceItHasRisenClearlyAboveItsBestForThePatience() {
        ValidationTracker tracker = new ValidationTracker(RULE, 3.8);
        // learns until step 400, then overfits: each later point more than 1% above 2.0
        List<Decision> decisions = feed(tracker, 3.0, 2.4, 2.1, 2.0, 2.1, 2.3, 2.6, 3.0, 3.5);
        assertEquals(7, decisions.size(), "stopped at step 700, 300 steps after its best, early in any cap");
        assertEquals(Decision.STOP, decisions.get(6));
        assertEquals(400, tracker.bestStep());
        assertEquals(2.0, tracker.best());
        assertEquals(3, tracker.sinceBest());
    }

    @Test
    void aRunOnAPlateauThatLaterDescendsIsNotStopped() {
        ValidationTracker tracker = new ValidationTracker(RULE, 3.8);
        // a long plateau within 1% of its best (2.50), then a descent to 1.9
        double[] curve = {3.0, 2.5, 2.51, 2.52, 2.505, 2.52, 2.51, 2.52, 2.515, 2.51, 2.4, 2.2, 1.9};
        List<Decision> decisions = feed(tracker, curve);
        assertEquals(curve.length, decisions.size(), "never stopped");
        assertEquals(Decision.NEW_BEST, decisions.get(curve.length - 1));
        assertEquals(1.9, tracker.best());
    }

    @Test
    void aSlowStarterIsNotStoppedOnItsBumpAboveTheUnigramPlateau() {
        // the demo's partial-flatten shape: at the unigram level (3.50) early, up to 3.76, then learning context
        ValidationTracker tracker = new ValidationTracker(RULE, 3.50);
        double[] curve = {3.48, 3.54, 3.70, 3.76, 3.72, 3.60, 3.40, 3.00, 2.72};
        List<Decision> decisions = feed(tracker, curve);
        assertEquals(curve.length, decisions.size(), "its best 3.48 is within 1% of unigram: not stopped");
        assertEquals(2.72, tracker.best());
        // the same curve with nothing known about unigram is stopped on the bump
        assertEquals(
                Decision.STOP,
                feed(new ValidationTracker(RULE, Double.NaN), curve).get(3));
    }

    @Test
    void aPointBackWithinTheMarginRestartsTheStretch() {
        ValidationTracker tracker = new ValidationTracker(RULE, 3.8);
        List<Decision> decisions = feed(tracker, 2.0, 2.1, 2.1, 2.01, 2.1, 2.1, 2.1);
        assertEquals(Decision.NO_IMPROVEMENT, decisions.get(4), "2.01 is within 1% of 2.0: the stretch restarts");
        assertEquals(Decision.STOP, decisions.get(6));
    }

    @Test
    void aTieIsNoImprovementAndPatienceZeroNeverStops() {
        ValidationTracker tracker = new ValidationTracker(new EarlyStopping(100, 0), 3.8);
        assertEquals(Decision.NEW_BEST, tracker.add(100, 1.0));
        assertEquals(Decision.NO_IMPROVEMENT, tracker.add(200, 1.0));
        for (int i = 3; i < 50; i++) {
            assertEquals(Decision.NO_IMPROVEMENT, tracker.add(100L * i, 3.0));
        }
        assertEquals(100, tracker.bestStep());
    }

    @Test
    void marginsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(100, 3, -0.1, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(100, 3, 0.01, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0, 3));
    }

    @Test
    void validationStepsAreLogSpacedEarlyThenEveryM() {
        assertEquals(List.of(12, 25, 50, 100, 200, 250), new ArrayList<>(new EarlyStopping(100, 3).steps(250)));
        assertEquals(List.of(1, 2, 4, 8, 12), new ArrayList<>(new EarlyStopping(4, 0).steps(12)));
    }
}
