package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressEventTest {

    @Test
    void eventsRoundTripAsOneJsonLineEachAndOtherLinesAreNone() {
        for (ProgressEvent e : List.of(
                new ProgressEvent.Step(3, 10, 5.25, 1234.5, Double.NaN),
                new ProgressEvent.Note("validation: 0.2 of the files"),
                new ProgressEvent.Done("stopped at step 8"))) {
            assertTrue(e.line().startsWith("{\"event\":") && !e.line().contains("\n"), e.line());
            ProgressEvent back = ProgressEvent.parse(e.line()).orElseThrow();
            if (e instanceof ProgressEvent.Step s) { // NaN != NaN in a record's equals
                assertEquals(s.step(), ((ProgressEvent.Step) back).step());
                assertTrue(Double.isNaN(((ProgressEvent.Step) back).etaSeconds()));
            } else {
                assertEquals(e, back);
            }
        }
        assertEquals(Optional.empty(), ProgressEvent.parse("rvq: no such file: x"));
        assertEquals(Optional.empty(), ProgressEvent.parse("{\"event\":\"step\",\"step\":"));
    }

    @Test
    void aChildsEventsBecomeTheParentsLinesWithItsPrefixAndOverallEta() {
        List<String> child = new ArrayList<>();
        EvalProgress.Run run =
                EvalProgress.forChild(child::add, "delay 16x1x2 seed 0", 1).startPattern(0, "training");
        run.step(1, 4, 6.5, 100, 3);
        run.note("validation");
        List<String> parent = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        EvalProgress progress =
                new EvalProgress(parent::add, List.of("parallel", "delay"), new double[] {1, 1}, clock::get, 0);
        clock.set(2_000_000_000L);
        child.forEach(line -> progress.relay(1, line));
        progress.relay(1, "some text the child printed");
        assertEquals(
                List.of(
                        "[2/2 delay] training",
                        "[2/2 delay] step 1/4  loss 6.5000  100 codes/s  ETA 3s  overall ETA 14s",
                        "[2/2 delay] validation"),
                parent);
    }
}
