package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.patterns.StepSelection;
import dev.rvqlm.tokens.TokenCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The depth family: temporal transformer over frames, depth transformer over the K codes of a frame. */
class DepthModelTest {

    static final LmFamily.Depth DEPTH = new LmFamily.Depth(8, 1, 2, 2);

    @TempDir
    Path dir;

    static LmConfig config() {
        return Tiny.config().toBuilder().family(DEPTH).build();
    }

    @Test
    void parameterCountAndFlopsCoverBothTransformers() {
        LmConfig c = config();
        try (LmModel model = LmModel.create(c, 1)) {
            assertEquals(c.parameterCount(), model.parameterCount());
        }
        // depth: W_in 8·16, pos 3·8, emb 2·9·8, one block 4·8 + 4·64 + 2·2·64, LN 2·8, heads 3·8·8
        assertEquals(
                8 * 16 + 3 * 8 + 2 * 9 * 8 + (32 + 256 + 256) + 16 + 3 * 8 * 8,
                c.parameterCount() - Tiny.config().parameterCount() + 3 * 8 * 16);
        // per step: the temporal blocks as an interleaved model without heads, plus W_in and K depth positions
        double temporal = Tiny.config().flopsPerStep(10) - 6.0 * 3 * 8 * 16;
        double depthPart = 6.0 * 8 * 16 + 3 * (6.0 * (32 + 256 + 256 + 16 + 8 * 8) + 6.0 * 1 * 3 * 8);
        assertEquals(temporal + depthPart, c.flopsPerStep(10), 1e-6);
        assertEquals(4, c.sequentialStepsPerStep());
        assertEquals(1, Tiny.config().sequentialStepsPerStep());
    }

    @Test
    void theFamilyIsStoredInTheJsonAndAnOldHeaderMeansInterleaved() throws Exception {
        String interleaved = LmJson.line(Tiny.config());
        assertFalse(interleaved.contains("family"), "interleaved configs keep their old JSON form: " + interleaved);
        assertEquals(Tiny.config(), LmJson.MAPPER.readValue(interleaved, LmConfig.class));
        String depth = LmJson.line(config());
        assertTrue(depth.contains("\"family\":{\"type\":\"depth\""), depth);
        assertEquals(config(), LmJson.MAPPER.readValue(depth, LmConfig.class));
        Exception missing = assertThrows(
                Exception.class,
                () -> LmJson.MAPPER.readValue(interleaved.replace("\"layers\":2,", ""), LmConfig.class));
        assertTrue(String.valueOf(missing.getMessage()).contains("layers"), missing.getMessage());
        assertThrows(
                Exception.class,
                () -> LmJson.MAPPER.readValue(interleaved.replace("{", "{\"extra\":1,"), LmConfig.class));
    }

    @Test
    void saveThenLoadKeepsTheFamilyAndTheScores() throws IOException {
        Path file = dir.resolve("depth.rvqlm");
        List<int[][]> windows = List.of(Tiny.codes(9, 1), Tiny.codes(9, 2));
        NllResult before;
        try (LmModel model = LmModel.create(config(), 4)) {
            model.setPatternSpec(PatternSpec.parse("parallel"));
            before = LmEvaluator.evaluate(model, windows, 2);
            model.save(file);
        }
        try (LmModel back = LmModel.load(file)) {
            assertEquals(config(), back.config());
            assertInstanceOf(LmFamily.Depth.class, back.config().family());
            assertArrayEquals(
                    before.nats(), LmEvaluator.evaluate(back, windows, 2).nats(), 0.0);
        }
    }

    @Test
    void eachCodeIsScoredOnceAndOnlyByCodesBeforeIt() {
        try (LmModel model = LmModel.create(config(), 5)) {
            model.setPatternSpec(PatternSpec.parse("parallel"));
            int t = 6;
            int[][] codes = Tiny.codes(t, 3);
            NllResult base = LmEvaluator.evaluate(model, List.<int[][]>of(codes), 1);
            assertArrayEquals(new long[] {t, t, t}, base.counts(), "each code scored exactly once");
            // changing code (t=5, k=1) may change the scores of codebooks 1 and 2 only
            int[][] later = copy(codes);
            later[1][5] = (later[1][5] + 1) % Tiny.N;
            double[] changed =
                    LmEvaluator.evaluate(model, List.<int[][]>of(later), 1).nats();
            assertEquals(base.nats()[0], changed[0], 1e-5, "codebook 0 of a frame does not see codebook 1");
            assertTrue(Math.abs(base.nats()[2] - changed[2]) > 1e-6, "codebook 2 sees codebook 1 of its frame");
            // changing the last frame's codebook 2 changes nothing else
            int[][] last = copy(codes);
            last[2][5] = (last[2][5] + 1) % Tiny.N;
            double[] lastChanged =
                    LmEvaluator.evaluate(model, List.<int[][]>of(last), 1).nats();
            assertEquals(base.nats()[0], lastChanged[0], 1e-5);
            assertEquals(base.nats()[1], lastChanged[1], 1e-5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"parallel", "delay:delays=0,1,1"})
    void cachedAndRecomputedSamplingGiveTheSameCodesAndKeepThePrompt(String pattern) {
        try (LmModel model = LmModel.create(config(), 21)) {
            model.setPatternSpec(PatternSpec.parse(pattern));
            int t = 7;
            int p = 3;
            int[][][] prompt = {CropSource.crop(Tiny.codes(t, 1), 0, p), CropSource.crop(Tiny.codes(t, 2), 0, p)};
            SampleConfig cached = SampleConfig.topK(5);
            int[][][] a = Sampler.generate(model, prompt, t, cached, 77L);
            int[][][] b = Sampler.generate(model, prompt, t, cached.withDecoding(SampleConfig.Decoding.RECOMPUTE), 77L);
            int[][][] other = Sampler.generate(model, prompt, t, cached, 78L);
            boolean differs = false;
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(a[i], b[i], pattern + ": cached and recomputed codes differ");
                differs |= !Arrays.deepEquals(a[i], other[i]);
                for (int k = 0; k < Tiny.K; k++) {
                    assertArrayEquals(prompt[i][k], Arrays.copyOf(a[i][k], p), "prompt overwritten");
                    for (int v : a[i][k]) {
                        assertTrue(v >= 0 && v < Tiny.N, "code " + v);
                    }
                }
            }
            assertTrue(differs, "another seed gives other codes");
            int[][][] empty = Sampler.generate(model, 2, t, cached, 5L);
            int[][][] emptyRecomputed =
                    Sampler.generate(model, 2, t, cached.withDecoding(SampleConfig.Decoding.RECOMPUTE), 5L);
            assertArrayEquals(empty, emptyRecomputed);
        }
    }

    /** The sampler's sliding window serves the depth family too: ten times the trained context, every cell filled. */
    @ParameterizedTest
    @ValueSource(strings = {"parallel", "delay:delays=0,1,1"})
    void generationRunsTenTimesPastTheTrainedContext(String pattern) {
        PatternSpec spec = PatternSpec.parse(pattern);
        int trainT = 6;
        int context = spec.pattern(Tiny.K, trainT).layout().size();
        LmConfig config = new LmConfig(Tiny.K, Tiny.N, 16, 1, 2, 2, 0.0, context)
                .toBuilder().family(DEPTH).build();
        try (LmModel model = LmModel.create(config, 4)) {
            model.setPatternSpec(spec);
            model.setTrainedSteps(context);
            int t = 10 * trainT;
            int[][][] prompt = {CropSource.crop(Tiny.codes(t, 6), 0, 4)};
            SampleConfig cached = SampleConfig.topK(5);
            int[][][] a = Sampler.generate(model, prompt, t, cached, 3L);
            int[][][] b = Sampler.generate(model, prompt, t, cached.withDecoding(SampleConfig.Decoding.RECOMPUTE), 3L);
            assertArrayEquals(a[0], b[0], pattern + ": cached and recomputed windows differ");
            for (int k = 0; k < Tiny.K; k++) {
                assertEquals(t, a[0][k].length);
                assertArrayEquals(prompt[0][k], Arrays.copyOf(a[0][k], 4), "prompt overwritten");
            }
        }
    }

    @Test
    void samplingLeavesNoArrayInTheModelsManager() {
        try (LmModel model = LmModel.create(config(), 6)) {
            model.setPatternSpec(PatternSpec.parse("parallel"));
            int before = ((BaseNDManager) model.manager()).getManagedArrays().size();
            Sampler.generate(model, 2, 6, SampleConfig.topK(3), 1L);
            Sampler.generate(model, 2, 6, SampleConfig.topK(3).withDecoding(SampleConfig.Decoding.RECOMPUTE), 1L);
            new LmTrainer(Tiny.train(8, 2))
                    .train(model, Tiny.corpus(3, 12, 1), PatternSpec.parse("parallel"), TrainListener.NONE);
            assertEquals(
                    before, ((BaseNDManager) model.manager()).getManagedArrays().size());
        }
    }

    @Test
    void aDepthModelHasNoAllAtOnceLogits() {
        try (LmModel model = LmModel.create(config(), 7)) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> model.logits(Tiny.sequence(1, 4, 1)));
            assertTrue(e.getMessage().contains("depth model"), e.getMessage());
        }
    }

    /**
     * Known answer: codebook 0 is uniform noise and codebook 1 copies it. Flattening sees code 0 of a frame before
     * code 1 and reaches log2 N / 2 bits per code; the depth model must reach the same figure (parallel cannot: it
     * predicts both codes of a frame at once).
     */
    @Test
    void whenCodebookOneCopiesCodebookZeroTheDepthModelReachesFlattensFigure() {
        int n = 8;
        SplittableRandom random = new SplittableRandom(7);
        List<TokenCorpus.Item> items = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            items.add(new TokenCorpus.Item("c" + f, copyCodes(random, n, 120)));
        }
        TokenCorpus corpus = new TokenCorpus(items, n, 50.0, "copy");
        List<int[][]> heldOut = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            heldOut.add(copyCodes(random, n, 24));
        }
        LmTraining run = LmTraining.defaults().toBuilder()
                .timesteps(24)
                .batch(8)
                .steps(150)
                .warmupSteps(10)
                .learningRate(1e-2)
                .minLearningRate(1e-3)
                .seed(3)
                .validationFraction(0)
                .validationWindows(0)
                .evalEvery(0)
                .checkpointEvery(0)
                .build();
        LmConfig shape = new LmConfig(2, n, 32, 1, 2, 2, 0.0, 64);
        double flatten = bitsPerCode(shape, "flatten", corpus, run, heldOut);
        double depth = bitsPerCode(
                shape.toBuilder().family(new LmFamily.Depth(16, 1, 2, 2)).build(), "parallel", corpus, run, heldOut);
        double parallel = bitsPerCode(shape, "parallel", corpus, run, heldOut);
        double uniform = Math.log(n) / Math.log(2);
        assertTrue(flatten < 0.6 * uniform, "flatten learns the copy: " + flatten);
        assertEquals(flatten, depth, 0.05 * uniform, "depth " + depth + " vs flatten " + flatten + " bits/code");
        assertTrue(parallel > 0.95 * uniform, "parallel cannot: " + parallel);
    }

    private static int[][] copyCodes(SplittableRandom random, int n, int t) {
        int[][] codes = new int[2][t];
        for (int i = 0; i < t; i++) {
            codes[0][i] = random.nextInt(n);
            codes[1][i] = codes[0][i];
        }
        return codes;
    }

    private static double bitsPerCode(
            LmConfig config, String pattern, TokenCorpus corpus, LmTraining run, List<int[][]> heldOut) {
        try (LmModel model = LmModel.create(config, 3)) {
            new LmTrainer(run).train(model, corpus, PatternSpec.parse(pattern), TrainListener.NONE);
            NllResult nll = LmEvaluator.evaluate(model, heldOut, 4);
            return Arrays.stream(nll.nats()).sum() / Arrays.stream(nll.counts()).sum() / Math.log(2);
        }
    }

    @Test
    void resumingAKilledDepthRunReachesTheSameLossCurve() throws IOException {
        TokenCorpus corpus = Tiny.corpus(4, 20, 3);
        LmTraining run = Tiny.trainBuilder(8, 6).checkpointEvery(3).build();
        PatternSpec spec = PatternSpec.parse("delay:delays=0,1,1");
        double[] expected;
        try (LmModel model = LmModel.create(config(), run.run().seed())) {
            expected = new LmTrainer(run)
                    .train(model, corpus, spec, dir.resolve("whole"), TrainListener.NONE)
                    .losses();
        }
        TrainListener killer = Tiny.killedAfter(4);
        try (LmModel model = LmModel.create(config(), run.run().seed())) {
            assertThrows(
                    IllegalStateException.class,
                    () -> new LmTrainer(run).train(model, corpus, spec, dir.resolve("broken"), killer));
        }
        TrainResult resumed = LmTrainer.resume(dir.resolve("broken"), corpus, TrainListener.NONE);
        try (LmModel model = resumed.model()) {
            assertEquals(config(), model.config());
            assertEquals(spec, model.patternSpec());
            assertArrayEquals(Arrays.copyOfRange(expected, 3, 6), resumed.losses(), 0.0);
        }
    }

    /** Backward after a forced garbage collection matches central finite differences, depth parameters included. */
    @Test
    void gradientsSurviveAGarbageCollectionAndMatchFiniteDifferences() {
        LmConfig config = new LmConfig(3, 5, 8, 1, 2, 2, 0.0, 16)
                .toBuilder().family(new LmFamily.Depth(8, 1, 2, 2)).build();
        int[][] codes = {{1, 4, 0, 2, 3}, {0, 0, 4, 1, 2}, {3, 1, 1, 0, 4}};
        PatternSpec spec = PatternSpec.parse("delay:delays=0,1,1");
        try (LmModel model = LmModel.create(config, 8)) {
            PatternBatcher.Batch batch =
                    new PatternBatcher(spec, config, 5, StepSelection.VALID_STEPS).batch(List.<int[][]>of(codes));
            GradientCheck.assertMatchesFiniteDifferences(
                    model,
                    batch,
                    List.of(
                            "emb",
                            "layers.0.attn.qkv",
                            "depth.in",
                            "depth.pos",
                            "depth.emb",
                            "depth.layers.0.attn.qkv",
                            "depth.layers.0.ffn.w2",
                            "depth.heads"));
        }
    }

    private static int[][] copy(int[][] codes) {
        int[][] out = new int[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            out[k] = codes[k].clone();
        }
        return out;
    }
}
