package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.data.SplitPlan;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.tokens.TokenDirectory;
import dev.rvqlm.tokens.synth.SourceEntropy;
import dev.rvqlm.tokens.synth.SynthConfig;
import dev.rvqlm.tokens.synth.SynthCorpus;
import dev.rvqlm.tokens.synth.SynthSourceConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration on a source with known entropy: stream 1 depends on stream 0 of the same frame, which parallel cannot
 * see (the simpler source without the streams' own past, which a tiny model learns in a few hundred steps). Flatten and delay must end clearly below parallel, and parallel can never beat its computed bound.
 */
class SynthCalibrationTest {

    @TempDir
    Path dir;

    @Test
    void flattenAndDelayEndBelowParallelWhichStaysAtOrAboveItsBound() throws Exception {
        Path tokens = dir.resolve("synth");
        SynthCorpus.Description source = SynthCorpus.write(
                new SynthConfig(new SynthSourceConfig(2, 8, 2, 0.02, false, 4), 8, 200, 50.0), tokens, line -> {});
        SourceEntropy entropy = source.entropy();
        assertTrue(
                entropy.parallelBitsPerCode() > entropy.exactBitsPerCode() + 0.2,
                "the source must leave parallel a clear gap: " + entropy);

        LmTraining train = LmTraining.defaults().toBuilder()
                .timesteps(24)
                .batch(8)
                .steps(200)
                .warmupSteps(10)
                .peakLearningRate(1e-2)
                .seed(2)
                .build();
        EvalConfig config = EvalConfig.builder()
                .models(Stream.of("parallel", "delay", "flatten")
                        .map(ModelEntry::parse)
                        .toList())
                .size(new ModelShape(32, 1, 2, 2, 0.0))
                .train(train)
                .split(new SplitPlan(0.25, 0.125, 8))
                .stopping(new EarlyStopping(50, 0))
                .sampling(new SamplingPlan(1, 0.1, 0.1, SampleConfig.topK(8), 1))
                .build();
        EvalResults results = new EvalRunner(config, s -> {})
                .run(TokenDirectory.read(tokens), Optional.empty(), dir.resolve("report"));

        assertNotNull(results.calibration());
        assertEquals(entropy, results.calibration().source());
        assertEquals(
                entropy.exactBitsByCodebook(), results.calibration().reachable().get("delay"));
        assertEquals(
                entropy.parallelBitsByCodebook(),
                results.calibration().reachable().get("parallel"));
        double parallel = results.runs().get(0).test().bitsPerCode();
        double delay = results.runs().get(1).test().bitsPerCode();
        double flatten = results.runs().get(2).test().bitsPerCode();
        String figures = "parallel " + parallel + ", delay " + delay + ", flatten " + flatten + "; " + entropy;
        // Test files are finite samples: allow parallel a little sampling noise below its expected bound.
        assertTrue(parallel >= entropy.parallelBitsPerCode() - 0.05, figures);
        double gap = entropy.parallelBitsPerCode() - entropy.exactBitsPerCode();
        assertTrue(delay < parallel - gap / 2, figures);
        assertTrue(flatten < parallel - gap / 2, figures);
    }
}
