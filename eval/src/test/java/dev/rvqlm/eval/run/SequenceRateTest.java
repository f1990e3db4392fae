package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.patterns.PatternSpec;
import org.junit.jupiter.api.Test;

class SequenceRateTest {

    @Test
    void theDefaultPatternsRunOneTwoOrKStepsPerFrame() {
        assertEquals(75.0, SequenceRate.stepsPerSecond(PatternSpec.parse("parallel"), 4, 75), 1e-9);
        assertEquals(75.0, SequenceRate.stepsPerSecond(PatternSpec.parse("delay"), 4, 75), 1e-9);
        assertEquals(150.0, SequenceRate.stepsPerSecond(PatternSpec.parse("partial-flatten"), 4, 75), 1e-9);
        assertEquals(300.0, SequenceRate.stepsPerSecond(PatternSpec.parse("flatten"), 4, 75), 1e-9);
        assertEquals(400.0, SequenceRate.stepsPerSecond(PatternSpec.parse("flatten"), 8, 50), 1e-9);
    }

    @Test
    void peakRssIsReadOnLinux() {
        var mib = PeakRss.mib();
        assertTrue(mib.isPresent(), "no VmHWM in /proc/self/status");
        assertTrue(mib.getAsDouble() > 1 && mib.getAsDouble() < 1_000_000, "peak RSS " + mib.getAsDouble());
        PeakRss.reset();
        assertTrue(PeakRss.mib().getAsDouble() > 0);
    }
}
