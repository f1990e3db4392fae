package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rvqlm.eval.run.ValidationTracker.Decision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTrackerTest {

    @Test
    void earlyStoppingPicksTheBestValidationStepAndStopsAfterThePatience() {
        ValidationTracker tracker = new ValidationTracker(3);
        double[] bits = {5.0, 4.0, 3.0, 3.5, 3.0, 2.9, 3.1, 3.3, 3.4, 1.0};
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < bits.length; i++) {
            decisions.add(tracker.add(100L * (i + 1), bits[i]));
            if (decisions.get(i) == Decision.STOP) {
                break;
            }
        }
        assertEquals(
                List.of(
                        Decision.NEW_BEST,
                        Decision.NEW_BEST,
                        Decision.NEW_BEST,
                        Decision.NO_IMPROVEMENT,
                        Decision.NO_IMPROVEMENT,
                        Decision.NEW_BEST,
                        Decision.NO_IMPROVEMENT,
                        Decision.NO_IMPROVEMENT,
                        Decision.STOP),
                decisions,
                "a tie (3.0 again) is no improvement; the later 1.0 is never seen");
        assertEquals(600, tracker.bestStep());
        assertEquals(2.9, tracker.best());
        assertEquals(3, tracker.sinceBest());
    }

    @Test
    void patienceZeroNeverStops() {
        ValidationTracker tracker = new ValidationTracker(0);
        tracker.add(1, 1.0);
        for (int i = 2; i < 50; i++) {
            assertEquals(Decision.NO_IMPROVEMENT, tracker.add(i, 2.0));
        }
        assertEquals(1, tracker.bestStep());
    }

    @Test
    void runsMayStopOnlyFromHalfTheCapOnOnceTheyHaveLeftTheirEarlyPlateau() {
        EarlyStopping stopping = new EarlyStopping(50, 4);
        assertEquals(false, stopping.mayStop(150, 400, 200), "not before half the cap");
        assertEquals(true, stopping.mayStop(250, 400, 150));
        assertEquals(
                false,
                stopping.mayStop(250, 400, 50),
                "best still at step 50 of 400: a slow starter on its plateau bump, not an overfitting model");
        assertEquals(false, stopping.mayStop(400, 400, 150), "the cap ends the run anyway");
        assertEquals(false, new EarlyStopping(50, 0).mayStop(300, 400, 150), "patience 0 never stops early");
    }

    @Test
    void validationStepsAreLogSpacedEarlyThenEveryM() {
        assertEquals(List.of(12, 25, 50, 100, 200, 250), new ArrayList<>(new EarlyStopping(100, 3).steps(250)));
        assertEquals(List.of(1, 2, 4, 8, 12), new ArrayList<>(new EarlyStopping(4, 0).steps(12)));
    }
}
