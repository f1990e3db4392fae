package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.TokenDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A depth model runs in an eval beside the patterns, under the same budget and held-out windows. */
class DepthEntryTest {

    static final int N = 8;

    @TempDir
    Path dir;

    @Test
    void depthSpecsNameTheirLayout() {
        assertEquals(
                "parallel", DepthEntry.temporal(DepthEntry.parse("depth"), 4).toString());
        assertEquals(
                "delay:delays=0,1,1,1",
                DepthEntry.temporal(DepthEntry.parse("depth:acoustic_delay=1"), 4)
                        .toString());
        assertEquals(
                "depth:acoustic_delay=1:layers=2",
                DepthEntry.parse(" depth:layers=2:acoustic_delay=1").toString());
        assertEquals("delay", DepthEntry.temporal(DepthEntry.parse("delay"), 4).toString());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DepthEntry.parse("depth:delay=1"));
        assertTrue(e.getMessage().contains("acoustic_delay"), e.getMessage());
    }

    /**
     * Codebook 1 copies codebook 0 (uniform noise): both depth variants see code 0 of a frame before code 1 and
     * reach about log2 N / 2 bits per code, every held-out code scored once; their sampling costs 1 + K sequential
     * steps per frame.
     */
    @Test
    void depthModelsRunBesideThePatterns() throws Exception {
        Path tokens = CopyTokens.write(dir.resolve("tokens"), N);
        LmTraining train = LmTraining.defaults().toBuilder()
                .timesteps(24)
                .batch(8)
                .steps(150)
                .warmupSteps(10)
                .learningRate(1e-2)
                .minLearningRate(1e-3)
                .seed(3)
                .build();
        EvalConfig config = new EvalConfig(
                List.of(DepthEntry.parse("depth"), DepthEntry.parse("depth:acoustic_delay=1")),
                new ModelShape(32, 1, 2, 2, 0.0),
                train,
                Budget.STEPS,
                new dev.rvqlm.eval.data.SplitPlan(0.34, 0, 1),
                new EarlyStopping(50, 0),
                new SamplingPlan(1, 0.1, 0.1, SampleConfig.topK(N), 1),
                Repeats.once());
        EvalResults results = new EvalRunner(config, s -> {})
                .run(TokenDirectory.read(tokens), Optional.empty(), dir.resolve("report"));
        double uniform = Math.log(N) / Math.log(2);
        for (PatternResult r : results.runs()) {
            assertTrue(r.nllBitsPerCode() < 0.65 * uniform, r.pattern() + " learns the copy: " + r.nllBitsPerCode());
            assertEquals(3 * 50.0, r.sequenceStepsPerSecond(), 1e-9, "1 frame step + K=2 depth steps per frame");
            assertTrue(r.samples() != null);
        }
        assertEquals("depth", results.runs().get(0).pattern());
        assertEquals("depth:acoustic_delay=1", results.runs().get(1).pattern());
        assertEquals(results.runs().get(0).heldOutCodes(), results.runs().get(1).heldOutCodes());
        PatternSpec parallel = PatternSpec.parse("parallel");
        assertEquals(50.0, SequenceRate.stepsPerSecond(parallel, 2, 50.0), 1e-9);
    }
}
