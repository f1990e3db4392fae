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
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A depth model runs in an eval beside the patterns, under the same budget and held-out windows. */
class DepthEntryTest {

    static final int N = 8;

    @TempDir
    Path dir;

    @Test
    void depthSpecsNameTheirLayout() {
        assertEquals("parallel", DepthEntry.temporal(DepthEntry.parse("depth"), 4).toString());
        assertEquals("delay:delays=0,1,1,1",
                DepthEntry.temporal(DepthEntry.parse("depth:acoustic_delay=1"), 4).toString());
        assertEquals("depth:acoustic_delay=1:layers=2",
                DepthEntry.parse(" depth:layers=2:acoustic_delay=1").toString());
        assertEquals("delay", DepthEntry.temporal(DepthEntry.parse("delay"), 4).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DepthEntry.parse("depth:delay=1"));
        assertTrue(e.getMessage().contains("acoustic_delay"), e.getMessage());
    }

    /**
     * Codebook 1 copies codebook 0 (uniform noise): both depth variants see code 0 of a frame before code 1 and
     * reach about log2 N / 2 bits per code, every held-out code scored once; their sampling costs 1 + K sequential
     * steps per frame.
     */
    @Test
    void depthModelsRunBesideThePatterns() throws Exception {
        Path tokens = dir.resolve("tokens");
        SplittableRandom random = new SplittableRandom(7);
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            int[][] codes = new int[2][120];
            for (int t = 0; t < 120; t++) {
                codes[0][t] = random.nextInt(N);
                codes[1][t] = codes[0][t];
            }
            TokenFiles.write(tokens.resolve("c" + f + ".npy"), codes, N);
            entries.add(new TokenManifest.Entry("c" + f + ".npy", 120, "c" + f + ".wav"));
        }
        new TokenManifest(TokenManifest.FORMAT_VERSION, "copy", 24000, 50.0, 2, N, entries).write(tokens);
        LmTraining train = LmTraining.defaults().toBuilder().timesteps(24).batch(8).steps(150).warmupSteps(10)
                .learningRate(1e-2).minLearningRate(1e-3).seed(3).build();
        EvalConfig config = new EvalConfig(List.of(DepthEntry.parse("depth"),
                DepthEntry.parse("depth:acoustic_delay=1")), new ModelShape(32, 1, 2, 2, 0.0), train,
                Budget.STEPS, 0.34, new SamplingPlan(1, 0.1, 0.1, SampleConfig.topK(N), 1));
        EvalResults results = new EvalRunner(config, s -> {}).run(TokenDirectory.read(tokens), Optional.empty(),
                dir.resolve("report"));
        double uniform = Math.log(N) / Math.log(2);
        for (PatternResult r : results.patterns()) {
            assertTrue(r.nllBitsPerCode() < 0.65 * uniform, r.pattern() + " learns the copy: " + r.nllBitsPerCode());
            assertEquals(3 * 50.0, r.sequenceStepsPerSecond(), 1e-9, "1 frame step + K=2 depth steps per frame");
            assertTrue(r.samples() != null);
        }
        assertEquals("depth", results.patterns().get(0).pattern());
        assertEquals("depth:acoustic_delay=1", results.patterns().get(1).pattern());
        assertEquals(results.patterns().get(0).heldOutCodes(), results.patterns().get(1).heldOutCodes());
        PatternSpec parallel = PatternSpec.parse("parallel");
        assertEquals(50.0, SequenceRate.stepsPerSecond(parallel, 2, 50.0), 1e-9);
    }
}
