package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rvqlm.eval.data.HeldOutSplit;
import dev.rvqlm.eval.data.SplitPlan;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ResultsJson;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.SampleMetrics;
import dev.rvqlm.eval.results.ValidationPoint;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.tokens.TokenDirectory;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on a tiny token corpus and a tiny model: seconds, not minutes. */
class EvalRunnerTest {

    static final int K = 2;
    static final int N = 16;
    static final double FRAME_RATE = 50.0;

    @TempDir
    static Path dir;

    static Path tokens;

    /** Six files of 100 frames: codebook 0 walks up by one, codebook 1 follows codebook 0, with a little noise. */
    @BeforeAll
    static void writeSharedTokens() throws Exception {
        tokens = dir.resolve("tokens");
        writeTokens(tokens);
    }

    /** The six files into {@code tokens} (the same codes every time: other tests' stored runs depend on them). */
    static void writeTokens(Path tokens) throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            int[][] codes = new int[K][100];
            for (int t = 0; t < 100; t++) {
                codes[0][t] = (f + t) % N;
                codes[1][t] = random.nextInt(8) == 0 ? random.nextInt(N) : (codes[0][t] * 3) % N;
            }
            TokenFiles.write(tokens.resolve("f" + f + ".npy"), codes, N);
            entries.add(new TokenManifest.Entry("f" + f + ".npy", 100, "f" + f + ".wav"));
        }
        new TokenManifest(TokenManifest.FORMAT_VERSION, "test-codec", 24000, FRAME_RATE, K, N, entries).write(tokens);
    }

    static EvalConfig config(int steps, Budget budget) {
        return config(steps, budget, new SamplingPlan(3, 0.2, 0.3, SampleConfig.topK(8), 4), 2);
    }

    static EvalConfig config(int steps, Budget budget, SamplingPlan sampling, int seeds) {
        LmTraining train = LmTraining.defaults().toBuilder()
                .timesteps(16)
                .batch(4)
                .steps(steps)
                .warmupSteps(2)
                .peakLearningRate(3e-3)
                .seed(5)
                .build();
        return EvalConfig.builder()
                .size(new ModelShape(16, 1, 2, 2, 0.0))
                .train(train)
                .budget(budget)
                .split(new SplitPlan(0.34, 0.17, 8))
                .stopping(new EarlyStopping(4, 0))
                .sampling(sampling)
                .repeats(new Repeats(seeds, false))
                .build();
    }

    @Test
    void runsEveryPatternAndSeedWritesTheReportAndItsMetricsAreConsistent() throws Exception {
        Path report = dir.resolve("report");
        List<String> log = new ArrayList<>();
        EvalResults results = new EvalRunner(config(12, Budget.STEPS), log::add)
                .run(TokenDirectory.read(tokens), Optional.empty(), report);

        assertEquals(
                List.of(
                        "parallel",
                        "parallel",
                        "delay",
                        "delay",
                        "partial-flatten",
                        "partial-flatten",
                        "flatten",
                        "flatten"),
                results.runs().stream().map(r -> r.run().model().toString()).toList());
        assertEquals(
                List.of(5L, 6L),
                results.runs().subList(0, 2).stream().map(r -> r.run().seed()).toList());
        double[] stepsPerFrame = {1, 1, 2, K};
        long testFrames = 2 * 100; // 2 of 6 files tested, 1 validates, every test frame scored
        for (int i = 0; i < 8; i++) {
            RunResult r = results.runs().get(i);
            String name = r.run().name();
            SampleMetrics samples = r.sampling().metrics();
            assertEquals(stepsPerFrame[i / 2] * FRAME_RATE, r.sampling().sequenceStepsPerSecond(), 1e-9, name);
            assertEquals(12, r.training().steps());
            for (double v : new double[] {
                r.training().flops(),
                r.training().seconds(),
                r.training().codesPerSecond(),
                r.test().bitsPerCode(),
                r.test().bitsPerSecond(),
                r.sampling().rtfBatch1(),
                r.sampling().rtfLargeBatch(),
                r.peakRssMib()
            }) {
                assertTrue(Double.isFinite(v) && v > 0, name + ": " + v);
            }
            assertEquals(r.test().bitsPerCode() * K * FRAME_RATE, r.test().bitsPerSecond(), 1e-9);
            assertEquals(K * testFrames, r.test().codes());
            assertEquals(2, r.test().byFile().fileCount());
            assertEquals(
                    r.test().bitsPerCode(),
                    r.test().byFile().bitsPerCode(r.test().byFile().all()),
                    1e-9);
            double meanByCodebook = r.test().bitsPerCodeByCodebook().stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElseThrow();
            assertEquals(r.test().bitsPerCode(), meanByCodebook, 1e-9, "equal counts per codebook");
            assertEquals(
                    12.0 * 4 * 16 * K,
                    r.training().codesPerSecond() * r.training().seconds(),
                    1e-6);
            assertTrue(
                    r.test().bitsPerCode() < 2 * Math.log(N) / Math.log(2),
                    name + " " + r.test().bitsPerCode());
            assertEquals(12, r.training().curve().size());
            // validated at steps 1, 2, 4, 8, 12; the best of them is the step reported
            List<ValidationPoint> curve = r.training().selection().curve();
            assertEquals(
                    List.of(1L, 2L, 4L, 8L, 12L),
                    curve.stream().map(ValidationPoint::step).toList());
            ValidationPoint best = curve.stream()
                    .min(Comparator.comparingDouble(ValidationPoint::bitsPerCode))
                    .orElseThrow();
            assertEquals(best.step(), r.training().selection().bestStep());
            assertEquals(3, samples.prompts());
            assertEquals(K, samples.usageEntropyBits().size());
            assertNull(samples.logMelFrechet(), "no codec, no audio metrics");
            assertTrue(samples.repeatedFrameRate() >= 0 && samples.repeatedFrameRate() <= 1);
        }
        assertTrue(
                results.runs().get(6).training().flops()
                        > results.runs().get(0).training().flops(),
                "flatten's longer sequences cost more FLOPs for the same steps");
        assertEquals(4, results.summaries().size());
        assertEquals(2, results.summaries().get(0).seeds());
        assertEquals(6, results.comparisons().size());
        assertNull(results.calibration());

        JsonNode json =
                ResultsJson.mapper().readTree(report.resolve("results.json").toFile());
        String flattenRun = json.get("runs").get(7).get("directory").asText();
        assertEquals("flatten 16x1x2 seed 6", results.runs().get(7).run().name());
        assertEquals(flattenRun, results.runs().get(7).directory());
        assertTrue(flattenRun.startsWith("runs/flatten-"), flattenRun);
        assertTrue(
                Files.isRegularFile(report.resolve(flattenRun).resolve("best.rvqlm")),
                "each run's best model is kept for rvq sample");
        assertEquals(8, json.get("runs").size());
        for (String name : List.of("report.md", "report.html", "results.csv", "quality-vs-flops.png")) {
            assertTrue(Files.size(report.resolve(name)) > 0, name);
        }
        assertTrue(Files.readString(report.resolve("report.md")).contains("MusicGen"));
        assertTrue(
                log.stream().anyMatch(l -> l.startsWith("[8/8 flatten 16x1x2 seed 6] step 12/12")),
                String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("overall ETA")));
        assertTrue(
                log.get(0).startsWith("data: 6 token files (K=2, N=16, 50.0 frames/s); 3 train, 1 validation"),
                log.get(0));
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.startsWith("[2/8 delay 16x1x2 seed 5] trained 12 steps in ")
                                && l.endsWith("scoring 14 test windows")),
                String.join("\n", log));

        // Re-run with the same settings: every run is reused, nothing is retrained.
        List<String> again = new ArrayList<>();
        EvalResults reused = new EvalRunner(config(12, Budget.STEPS), again::add)
                .run(TokenDirectory.read(tokens), Optional.empty(), report);
        assertEquals(results.runs(), reused.runs());
        assertEquals(
                8,
                again.stream()
                        .filter(l -> l.contains("reused the finished run"))
                        .count(),
                String.join("\n", again));
    }

    @Test
    void anEqualFlopsBudgetGivesLongerPatternsFewerSteps() throws Exception {
        EvalConfig base = config(8, Budget.FLOPS);
        EvalConfig flops = base.toBuilder()
                .models(List.of(ModelEntry.parse("parallel"), ModelEntry.parse("flatten")))
                .build();
        RunPlanner planner = new RunPlanner(flops, s -> {});
        TokenDirectory data = TokenDirectory.read(tokens);
        var split = HeldOutSplit.of(data.corpus(), 0.34, 5, 16, 10, 15, 3);
        List<RunPlan> plans = planner.plan(data, split, 25, 5, flops.sizes().get(0));
        assertEquals(8, plans.get(0).train().schedule().steps());
        assertTrue(
                plans.get(1).train().schedule().steps() < 8,
                "flatten steps " + plans.get(1).train().schedule().steps());
        assertEquals(
                plans.get(0).trainFlops(),
                plans.get(1).trainFlops(),
                0.25 * plans.get(0).trainFlops());
    }

    @Test
    void promptsLongerThanTheHeldOutFilesAreRejectedWithTheLengths() {
        EvalConfig tooLong = config(2, Budget.STEPS, new SamplingPlan(2, 2.0, 4.0, SampleConfig.topK(8), 4), 1);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> new EvalRunner(tooLong, s -> {})
                        .run(TokenDirectory.read(tokens), Optional.empty(), dir.resolve("never")));
        assertTrue(e.getMessage().contains("300 frames"), e.getMessage());
    }
}
