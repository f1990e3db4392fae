package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.data.SplitPlan;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ResultsJson;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.TokenDirectory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Depth models run in an eval beside the patterns; runs stored before runs were typed are still reused. */
class ModelEntryCacheTest {

    static final int N = 8;

    @TempDir
    Path dir;

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
        EvalConfig config = EvalConfig.builder()
                .models(List.of(ModelEntry.parse("depth"), ModelEntry.parse("depth:acoustic_delay=1")))
                .size(new ModelShape(32, 1, 2, 2, 0.0))
                .train(train)
                .split(new SplitPlan(0.34, 0, 1))
                .stopping(new EarlyStopping(50, 0))
                .sampling(new SamplingPlan(1, 0.1, 0.1, SampleConfig.topK(N), 1))
                .build();
        EvalResults results = new EvalRunner(config, s -> {})
                .run(TokenDirectory.read(tokens), Optional.empty(), dir.resolve("report"));
        double uniform = Math.log(N) / Math.log(2);
        for (RunResult r : results.runs()) {
            double bits = r.test().bitsPerCode();
            assertTrue(bits < 0.65 * uniform, r.run().name() + " learns the copy: " + bits);
            assertEquals(
                    3 * 50.0, r.sampling().sequenceStepsPerSecond(), 1e-9, "1 frame step + K=2 depth steps per frame");
        }
        assertEquals("depth", results.runs().get(0).run().model().toString());
        assertEquals(
                "depth:acoustic_delay=1", results.runs().get(1).run().model().toString());
        assertEquals(
                results.runs().get(0).test().codes(),
                results.runs().get(1).test().codes());
        PatternSpec parallel = PatternSpec.parse("parallel");
        assertEquals(50.0, SequenceRate.stepsPerSecond(parallel, 2, 50.0), 1e-9);
    }

    /**
     * The run directories in {@code legacy-eval/} were written by the eval before runs were typed (PatternResult,
     * DepthEntry), for exactly this config and {@link EvalRunnerTest}'s tokens. The same eval now finds every one of
     * them (the fingerprints of the settings did not change) and reads its old {@code result.json}.
     */
    @Test
    void runsStoredBeforeRunsWereTypedAreReused() throws Exception {
        Path tokens = dir.resolve("tokens");
        EvalRunnerTest.writeTokens(tokens);
        Path report = dir.resolve("report");
        copy(legacy().resolve("runs"), report.resolve(EvalRunner.RUNS));
        LmTraining train = LmTraining.defaults().toBuilder()
                .timesteps(16)
                .batch(4)
                .steps(3)
                .warmupSteps(2)
                .peakLearningRate(3e-3)
                .seed(5)
                .build();
        EvalConfig config = EvalConfig.builder()
                .models(Stream.of("parallel", "delay", "depth:acoustic_delay=1")
                        .map(ModelEntry::parse)
                        .toList())
                .size(new ModelShape(16, 1, 2, 2, 0.0))
                .train(train)
                .split(new SplitPlan(0.34, 0.17, 8))
                .stopping(new EarlyStopping(2, 0))
                .sampling(new SamplingPlan(2, 0.2, 0.3, SampleConfig.topK(8), 2))
                .build();
        List<String> log = new ArrayList<>();
        EvalResults results =
                new EvalRunner(config, log::add).run(TokenDirectory.read(tokens), Optional.empty(), report);

        assertEquals(
                3,
                log.stream().filter(l -> l.contains("reused the finished run")).count(),
                String.join("\n", log));
        assertFalse(log.stream().anyMatch(l -> l.contains("training up to")), String.join("\n", log));
        var old = ResultsJson.mapper()
                .readTree(legacy().resolve("results.json").toFile())
                .get("runs");
        for (int i = 0; i < 3; i++) {
            RunResult r = results.runs().get(i);
            assertEquals(old.get(i).get("pattern").asText(), r.run().model().toString());
            assertEquals(
                    old.get(i).get("nll_bits_per_code").asDouble(), r.test().bitsPerCode());
            assertEquals(
                    old.get(i).get("sample_rtf_b8").asDouble(), r.sampling().rtfLargeBatch());
            assertTrue(r.directory().startsWith("runs/"), r.directory());
            assertTrue(Files.isDirectory(report.resolve(r.directory())), r.directory());
        }
    }

    private static Path legacy() throws URISyntaxException {
        return Path.of(ModelEntryCacheTest.class.getResource("/legacy-eval").toURI());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
