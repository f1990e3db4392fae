package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rvqlm.eval.data.SplitPlan;
import dev.rvqlm.eval.report.ResultsJson;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.eval.results.ValidationPoint;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.patterns.PatternSpec;
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
    static void writeTokens() throws Exception {
        tokens = dir.resolve("tokens");
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
        return new EvalConfig(
                EvalConfig.defaultPatterns(),
                new ModelShape(16, 1, 2, 2, 0.0),
                train,
                budget,
                new SplitPlan(0.34, 0.17, 8),
                new EarlyStopping(4, 0),
                sampling,
                new Repeats(seeds, false));
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
                results.runs().stream().map(PatternResult::pattern).toList());
        assertEquals(
                List.of(5L, 6L),
                results.runs().subList(0, 2).stream().map(PatternResult::seed).toList());
        double[] stepsPerFrame = {1, 1, 2, K};
        long testFrames = 2 * 100; // 2 of 6 files tested, 1 validates, every test frame scored
        for (int i = 0; i < 8; i++) {
            PatternResult r = results.runs().get(i);
            assertEquals(stepsPerFrame[i / 2] * FRAME_RATE, r.sequenceStepsPerSecond(), 1e-9, r.pattern());
            assertEquals(12, r.trainSteps());
            for (double v : new double[] {
                r.trainFlops(),
                r.trainSeconds(),
                r.trainCodesPerSecond(),
                r.nllBitsPerCode(),
                r.nllBitsPerSecond(),
                r.sampleRtfB1(),
                r.sampleRtfB8(),
                r.peakRssMib()
            }) {
                assertTrue(Double.isFinite(v) && v > 0, r.pattern() + ": " + v);
            }
            assertEquals(r.nllBitsPerCode() * K * FRAME_RATE, r.nllBitsPerSecond(), 1e-9);
            assertEquals(K * testFrames, r.heldOutCodes());
            assertEquals(2, r.testByFile().fileCount());
            assertEquals(
                    r.nllBitsPerCode(),
                    r.testByFile().bitsPerCode(r.testByFile().all()),
                    1e-9);
            double meanByCodebook = r.nllBitsPerCodeByCodebook().stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElseThrow();
            assertEquals(r.nllBitsPerCode(), meanByCodebook, 1e-9, "equal counts per codebook");
            assertEquals(12.0 * 4 * 16 * K, r.trainCodesPerSecond() * r.trainSeconds(), 1e-6);
            assertTrue(r.nllBitsPerCode() < 2 * Math.log(N) / Math.log(2), r.pattern() + " " + r.nllBitsPerCode());
            assertEquals(12, r.curve().size());
            // validated at steps 1, 2, 4, 8, 12; the best of them is the step reported
            List<ValidationPoint> curve = r.selection().curve();
            assertEquals(
                    List.of(1L, 2L, 4L, 8L, 12L),
                    curve.stream().map(ValidationPoint::step).toList());
            ValidationPoint best = curve.stream()
                    .min(Comparator.comparingDouble(ValidationPoint::bitsPerCode))
                    .orElseThrow();
            assertEquals(best.step(), r.selection().bestStep());
            assertEquals(3, r.samples().prompts());
            assertEquals(K, r.samples().usageEntropyBits().size());
            assertNull(r.samples().logMelFrechet(), "no codec, no audio metrics");
            assertTrue(r.samples().repeatedFrameRate() >= 0 && r.samples().repeatedFrameRate() <= 1);
        }
        assertTrue(
                results.runs().get(6).trainFlops() > results.runs().get(0).trainFlops(),
                "flatten's longer sequences cost more FLOPs for the same steps");
        assertEquals(4, results.summaries().size());
        assertEquals(2, results.summaries().get(0).seeds());
        assertEquals(6, results.comparisons().size());
        assertNull(results.calibration());

        JsonNode json =
                ResultsJson.mapper().readTree(report.resolve("results.json").toFile());
        String flattenRun = json.get("settings")
                .get("run directories")
                .get("flatten seed 6")
                .asText();
        assertTrue(flattenRun.startsWith("runs/flatten-"), flattenRun);
        assertTrue(
                Files.isRegularFile(report.resolve(flattenRun).resolve("best.rvqlm")),
                "each run's best model is kept for rvq sample");
        assertEquals(8, json.get("runs").size());
        for (String name : List.of("report.md", "report.html", "results.csv", "quality-vs-flops.png")) {
            assertTrue(Files.size(report.resolve(name)) > 0, name);
        }
        assertTrue(Files.readString(report.resolve("report.md")).contains("MusicGen"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("[8/8 flatten seed 6] step 12/12")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("overall ETA")));
        assertTrue(
                log.get(0).startsWith("data: 6 token files (K=2, N=16, 50.0 frames/s); 3 train, 1 validation"),
                log.get(0));
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.startsWith("[2/8 delay seed 5] trained 12 steps in ")
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
        EvalConfig flops = new EvalConfig(
                List.of(PatternSpec.parse("parallel"), PatternSpec.parse("flatten")),
                base.model(),
                base.train(),
                Budget.FLOPS,
                base.split(),
                base.stopping(),
                base.sampling(),
                base.repeats());
        EvalRunner runner = new EvalRunner(flops, s -> {});
        TokenDirectory data = TokenDirectory.read(tokens);
        var split = dev.rvqlm.eval.data.HeldOutSplit.of(data.corpus(), 0.34, 5, 16, 10, 15, 3);
        List<PatternPlan> plans = runner.plan(data, split, 25, 5);
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
