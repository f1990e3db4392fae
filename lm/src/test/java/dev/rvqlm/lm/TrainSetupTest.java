package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.patterns.PatternSpec;
import org.junit.jupiter.api.Test;

class TrainSetupTest {

    static final ModelShape SHAPE = new ModelShape(16, 2, 2, 4, 0.0);

    @Test
    void aPatternEntryGivesAnInterleavedModelOverThatPatternWithRoomForFourCrops() {
        TrainSetup setup = TrainSetup.of(Tiny.corpus(3, 20, 1), ModelEntry.parse("delay"), SHAPE, Tiny.train(8, 1), 0);
        assertEquals(PatternSpec.parse("delay"), setup.layout());
        assertNull(setup.config().depth());
        assertEquals(Tiny.K, setup.config().codebooks());
        assertEquals(Tiny.N, setup.config().codebookSize());
        assertEquals(16, setup.config().dim());
        // delay over K=3: 1 special step + T + (K-1) trailing steps; 4 crops of 8 frames for the longest sequence
        assertEquals(1 + 8 + 2, setup.fullSteps());
        assertEquals(1 + 4 * 8 + 2, setup.config().maxSequenceSteps());
        assertTrue(setup.validSteps() <= setup.fullSteps());
        String line = setup.describe(Tiny.corpus(3, 20, 1));
        assertTrue(line.startsWith("model: K=3 N=8 D=16 L=2 H=2, ") && line.contains("pattern delay"), line);
    }

    @Test
    void aDepthEntryRunsOverItsTemporalLayoutAndAnExplicitLengthWins() {
        TrainSetup setup = TrainSetup.of(
                Tiny.corpus(3, 20, 1), ModelEntry.parse("depth:acoustic_delay=1"), SHAPE, Tiny.train(8, 1), 50);
        assertEquals("delay:delays=0,1,1", setup.layout().toString());
        assertTrue(setup.config().depth() != null);
        assertEquals(50, setup.config().maxSequenceSteps());
        assertTrue(
                setup.describe(Tiny.corpus(3, 20, 1)).contains("depth:acoustic_delay=1 D'="),
                setup.describe(Tiny.corpus(3, 20, 1)));
    }
}
