package dev.rvqlm.tokenizer.fine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rvqlm.tokenizer.shaping.FrameShaper;
import dev.rvqlm.tokenizer.shaping.NoiseFill;
import dev.rvqlm.tokenizer.shaping.Shaping;
import org.junit.jupiter.api.Test;

/** Which part of the VQ vector each stage codes. */
class StagePlanTest {

    static final Shaping.GainShape SHAPING = new Shaping.GainShape(60, 0.5, 1.0, NoiseFill.OFF);
    static final FrameShaper SHAPER = new FrameShaper(SHAPING, 320, 24000);

    static FineLayout fine(int groupBins) {
        return FineLayout.of(new FineStructure(20, 1, 0, groupBins), SHAPER.layout(), SHAPING);
    }

    @Test
    void learnedStagesAllCodeTheLatent() {
        assertEquals("StagePlan[0..64, 0..64, 0..64]", StagePlan.of(3, 64, null).toString());
    }

    @Test
    void jointStagesAllCodeLatentAndFineStructure() {
        assertEquals("StagePlan[0..104, 0..104]", StagePlan.of(2, 64, fine(0)).toString());
    }

    @Test
    void groupedStagesAlternateLatentAndFineGroupsLowestFirstThenStartOver() {
        // 40 fine bins in groups of 16: 64..80, 80..96, 96..104 (the last one shorter), then 64..80 again
        assertEquals(
                "StagePlan[0..64, 64..80, 0..64, 80..96, 0..64, 96..104, 0..64, 64..80]",
                StagePlan.of(8, 64, fine(16)).toString());
    }
}
