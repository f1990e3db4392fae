package dev.rvqlm.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.synth.MarkovSource;
import dev.rvqlm.tokens.synth.SourceEntropy;
import dev.rvqlm.tokens.synth.SynthSourceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternBoundTest {

    private static final MarkovSource SOURCE = MarkovSource.random(new SynthSourceConfig(4, 4, 2, 0.05, true, 3));
    private static final SourceEntropy ENTROPY = SourceEntropy.of(SOURCE);

    private static List<Double> bound(String spec) {
        return PatternBound.of(PatternSpec.parse(spec), SOURCE).orElseThrow();
    }

    @Test
    void flattenAndDelayReachTheExactEntropyAndParallelItsBound() {
        for (int k = 0; k < 4; k++) {
            assertEquals(ENTROPY.exactBitsByCodebook().get(k), bound("flatten").get(k), 1e-9);
            assertEquals(ENTROPY.exactBitsByCodebook().get(k), bound("delay").get(k), 1e-9);
            assertEquals(
                    ENTROPY.parallelBitsByCodebook().get(k), bound("parallel").get(k), 1e-9);
        }
    }

    @Test
    void partialFlatteningSeesStreamZeroOfItsFrame() {
        List<Double> partial = bound("partial-flatten");
        assertEquals(SourceEntropy.givenAbove(SOURCE, new int[] {-1, 0, 0, 0}), partial);
        assertEquals(ENTROPY.exactBitsByCodebook().get(1), partial.get(1), 1e-9, "stream 1 sees stream 0: exact");
        assertTrue(partial.get(3) > ENTROPY.exactBitsByCodebook().get(3));
        assertTrue(partial.get(3) < ENTROPY.parallelBitsByCodebook().get(3));
    }

    @Test
    void aDepthModelReachesTheExactEntropy() {
        List<Double> depth = PatternBound.of(ModelEntry.parse("depth"), SOURCE).orElseThrow();
        for (int k = 0; k < 4; k++) {
            assertEquals(ENTROPY.exactBitsByCodebook().get(k), depth.get(k), 1e-9);
        }
    }
}
