package dev.rvqlm.eval.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void saysItAgreesWhenFlattenIsBestParallelWorstAndTheOthersClose() {
        String text = Verdict.of(Fixtures.musicGenLike());
        assertTrue(text.startsWith("This data agrees with MusicGen's finding (4 of 4 claims hold)."), text);
        assertTrue(text.contains("Best is flatten (1500.0 bits/s)"), text);
        assertTrue(text.contains("worst is parallel (1800.0 bits/s)"), text);
        assertTrue(text.contains("delay is close to flatten"), text);
        assertTrue(text.contains("at 25% of flatten's sequence steps"), text);
        assertTrue(text.contains("partial-flatten is close to flatten"), text);
    }

    @Test
    void saysItDisagreesWhenParallelWins() {
        String text = Verdict.of(List.of(Fixtures.result("parallel", 75, 4.0), Fixtures.result("delay", 75, 5.0),
                Fixtures.result("flatten", 300, 6.0)));
        assertTrue(text.startsWith("This data disagrees with MusicGen's finding (0 of 3 claims hold)."), text);
        assertTrue(text.contains("not flatten (flatten: 1800.0 bits/s)"), text);
        assertTrue(text.contains("delay is not close to flatten"), text);
    }

    @Test
    void aPatternBetterThanFlattenByLessThanOnePercentIsClose() {
        // parallel is not worse than flatten here, so "close" falls back to 1% of flatten's 1500 bits/s = 15 bits/s
        String text = Verdict.of(List.of(Fixtures.result("parallel", 75, 4.99), Fixtures.result("delay", 75, 4.98),
                Fixtures.result("flatten", 300, 5.0)));
        assertTrue(text.contains("delay is close to flatten (1494.0 bits/s, -6.0 vs flatten; close means within "
                + "±15.0)"), text);
        assertTrue(text.contains("(1 of 3 claims hold)"), text);
    }

    @Test
    void saysPartlyWhenOnlySomeClaimsHold() {
        String text = Verdict.of(List.of(Fixtures.result("parallel", 75, 6.0), Fixtures.result("delay", 75, 5.9),
                Fixtures.result("flatten", 300, 5.0)));
        assertTrue(text.startsWith("This data partly agrees with MusicGen's finding (2 of 3 claims hold)."), text);
    }

    @Test
    void namesWhatIsMissing() {
        String text = Verdict.of(List.of(Fixtures.result("delay:delays=0,1,2,3", 75, 5.0)));
        assertTrue(text.startsWith("The MusicGen comparison needs"), text);
        assertTrue(text.contains("delay:delays=0,1,2,3"), text);
    }
}
