package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.patterns.PatternSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplerTest {

    private static LmModel model(String pattern) {
        LmModel model = LmModel.create(Tiny.config(), 21);
        model.setPatternSpec(PatternSpec.parse(pattern));
        return model;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "parallel",
                "delay",
                "flatten",
                "partial-flatten",
                "coarse-first",
                "valle",
                "musiclm:group_by=1",
                "musiclm:group_by=3",
                "delay:delays=0,2,3"
            })
    void cachedAndRecomputedSamplingGiveTheSameCodesAndKeepThePrompt(String pattern) {
        try (LmModel model = model(pattern)) {
            int t = 7;
            int p = 3;
            int[][][] prompt = new int[2][][];
            prompt[0] = CropSource.crop(Tiny.codes(t, 1), 0, p);
            prompt[1] = CropSource.crop(Tiny.codes(t, 2), 0, p);
            SampleConfig cached = SampleConfig.topK(5);
            int[][][] a = Sampler.generate(model, prompt, t, cached, 77L);
            int[][][] b = Sampler.generate(model, prompt, t, cached.withDecoding(SampleConfig.Decoding.RECOMPUTE), 77L);
            int[][][] again = Sampler.generate(model, prompt, t, cached, 77L);
            assertEquals(2, a.length);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(a[i], b[i], pattern + ": cached and recomputed codes differ");
                assertArrayEquals(a[i], again[i], pattern + ": the same seed must give the same codes");
                for (int k = 0; k < Tiny.K; k++) {
                    assertEquals(t, a[i][k].length);
                    assertArrayEquals(prompt[i][k], Arrays.copyOf(a[i][k], p), "prompt overwritten");
                    for (int v : a[i][k]) {
                        assertTrue(v >= 0 && v < Tiny.N, "code " + v);
                    }
                }
            }
            int[][][] empty = Sampler.generate(model, 3, t, cached, 5L);
            int[][][] emptyRecomputed =
                    Sampler.generate(model, 3, t, cached.withDecoding(SampleConfig.Decoding.RECOMPUTE), 5L);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(empty[i], emptyRecomputed[i]);
            }
        }
    }

    /**
     * Ten times the trained context: the model's positions table ends exactly at the trained length, so a window
     * that passed it would throw; every cell is filled, the prompt is kept, and the cache and the recomputing
     * reference agree across the window boundaries.
     */
    @ParameterizedTest
    @ValueSource(strings = {"parallel", "delay", "flatten", "coarse-first", "valle"})
    void generationRunsTenTimesPastTheTrainedContext(String pattern) {
        PatternSpec spec = PatternSpec.parse(pattern);
        int trainT = 8;
        int context = spec.pattern(Tiny.K, trainT).layout().size();
        LmConfig config = new LmConfig(Tiny.K, Tiny.N, 16, 2, 2, 4, 0.0, context);
        try (LmModel model = LmModel.create(config, 4)) {
            model.setPatternSpec(spec);
            model.setTrainedSteps(context);
            int t = 10 * trainT;
            int p = 5;
            int[][][] prompt = {CropSource.crop(Tiny.codes(t, 6), 0, p)};
            SampleConfig cached = SampleConfig.topK(5);
            int[][][] a = Sampler.generate(model, prompt, t, cached, 3L);
            int[][][] b = Sampler.generate(model, prompt, t, cached.withDecoding(SampleConfig.Decoding.RECOMPUTE), 3L);
            assertArrayEquals(a[0], b[0], pattern + ": cached and recomputed windows differ");
            for (int k = 0; k < Tiny.K; k++) {
                assertEquals(t, a[0][k].length);
                assertArrayEquals(prompt[0][k], Arrays.copyOf(a[0][k], p), "prompt overwritten");
                for (int v : a[0][k]) {
                    assertTrue(v >= 0 && v < Tiny.N, pattern + ": code " + v + " left in codebook " + k);
                }
            }
            int[][][] fromScratch = Sampler.generate(model, 2, t, cached, 8L);
            assertEquals(t, fromScratch[1][Tiny.K - 1].length);
        }
    }

    @Test
    void theWindowIsTheLongestCropWhoseSequenceFitsTheContext() {
        for (String pattern : new String[] {"parallel", "delay", "flatten", "musiclm:group_by=3"}) {
            PatternSpec spec = PatternSpec.parse(pattern);
            for (int context : new int[] {10, 33, 64}) {
                int w = Sampler.windowFrames(spec, Tiny.K, context);
                assertTrue(spec.pattern(Tiny.K, w).layout().size() <= context, pattern + " " + context);
                assertTrue(spec.pattern(Tiny.K, w + 1).layout().size() > context, pattern + " " + context);
            }
        }
        assertEquals(9, Sampler.windowFrames(PatternSpec.parse("parallel"), Tiny.K, 10)); // S = T + 1
    }

    @Test
    void greedySamplingIsTheArgmaxOfTheLogits() {
        try (LmModel model = model("parallel")) {
            int[][][] codes = Sampler.generate(model, 1, 1, SampleConfig.greedy(), 1L);
            // parallel: step 0 is the special step, its output predicts timestep 0
            int[][][] special = new int[1][Tiny.K][1];
            for (int k = 0; k < Tiny.K; k++) {
                special[0][k][0] = Tiny.N;
            }
            float[] logits = model.logits(special);
            for (int k = 0; k < Tiny.K; k++) {
                int best = 0;
                for (int v = 1; v < Tiny.N; v++) {
                    if (logits[k * Tiny.N + v] > logits[k * Tiny.N + best]) {
                        best = v;
                    }
                }
                assertEquals(best, codes[0][k][0], "codebook " + k);
            }
            int[][][] other = Sampler.generate(model, 1, 1, SampleConfig.greedy(), 999L);
            assertArrayEquals(codes[0], other[0], "greedy ignores the seed");
        }
    }

    @Test
    void badRequestsAreRejected() {
        try (LmModel model = model("delay")) {
            IllegalArgumentException k = assertThrows(
                    IllegalArgumentException.class,
                    () -> Sampler.generate(model, new int[1][Tiny.K - 1][2], 5, SampleConfig.greedy(), 1L));
            assertTrue(k.getMessage().contains("K=2"), k.getMessage());
            int[][][] bad = new int[1][Tiny.K][2];
            bad[0][0][1] = Tiny.N;
            assertThrows(
                    IllegalArgumentException.class, () -> Sampler.generate(model, bad, 5, SampleConfig.greedy(), 1L));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> Sampler.generate(model, new int[1][Tiny.K][6], 5, SampleConfig.greedy(), 1L));
            model.setTrainedSteps(1); // a context too short for even one frame of delay
            IllegalArgumentException tiny = assertThrows(
                    IllegalArgumentException.class, () -> Sampler.generate(model, 1, 70, SampleConfig.greedy(), 1L));
            assertTrue(tiny.getMessage().contains("context is 1 steps"), tiny.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new SampleConfig(-1, 0, 0, SampleConfig.Decoding.CACHED));
        assertThrows(IllegalArgumentException.class, () -> new SampleConfig(1, 0, 1.5, SampleConfig.Decoding.CACHED));
    }

    @Test
    void topKKeepsTheKLargestAndTiesWithTheKth() {
        double[] probs = {0.05, 0.3, 0.15, 0.15, 0.25, 0.1};
        assertArrayEquals(new boolean[] {false, true, false, false, true, false}, TokenFilter.keep(probs, 2, 0));
        // the 3rd largest is 0.15, held by two codes: both stay (AudioCraft's probs >= kth)
        assertArrayEquals(new boolean[] {false, true, true, true, true, false}, TokenFilter.keep(probs, 3, 0));
        assertArrayEquals(new boolean[] {true, true, true, true, true, true}, TokenFilter.keep(probs, 0, 0));
        assertArrayEquals(new boolean[] {true, true, true, true, true, true}, TokenFilter.keep(probs, 10, 0));
    }

    @Test
    void topPKeepsTheSmallestHeadWhoseMassBeforeEachIsAtMostPAndWinsOverTopK() {
        double[] probs = {0.05, 0.3, 0.15, 0.15, 0.25, 0.1}; // sorted: .3 .25 .15 .15 .1 .05
        // mass before each: 0, .3, .55, .70, .85, .95
        assertArrayEquals(new boolean[] {false, true, false, false, false, false}, TokenFilter.keep(probs, 0, 0.2));
        assertArrayEquals(new boolean[] {false, true, false, false, true, false}, TokenFilter.keep(probs, 0, 0.5));
        assertArrayEquals(new boolean[] {false, true, true, true, true, false}, TokenFilter.keep(probs, 0, 0.8));
        assertArrayEquals(
                new boolean[] {false, true, true, true, true, false},
                TokenFilter.keep(probs, 1, 0.8),
                "top-p takes precedence over top-k");
    }

    @Test
    void samplingDrawsOnlyKeptCodesInProportion() {
        float[] logits = new float[6];
        double[] probs = {0.05, 0.3, 0.15, 0.15, 0.25, 0.1};
        for (int i = 0; i < 6; i++) {
            logits[i] = (float) Math.log(probs[i]);
        }
        SplittableRandom random = new SplittableRandom(3);
        int[] counts = new int[6];
        for (int i = 0; i < 20000; i++) {
            counts[TokenFilter.sample(logits, 0, 6, SampleConfig.topK(2), random)]++;
        }
        assertEquals(0, counts[0] + counts[2] + counts[3] + counts[5]);
        assertEquals(0.3 / 0.55, counts[1] / 20000.0, 0.02);
        int[] cold = new int[6];
        for (int i = 0; i < 2000; i++) {
            cold[
                    TokenFilter.sample(
                            logits, 0, 6, new SampleConfig(0.05, 0, 0, SampleConfig.Decoding.CACHED), random)]++;
        }
        assertTrue(cold[1] > 1900, "a low temperature concentrates on the mode: " + cold[1]);
        assertNotEquals(0, counts[4]);
    }

    @Test
    void topKSamplingKeepsTheCodesTiedWithTheKth() {
        float[] logits = {0f, 1f, 1f, 1f, 2f, 0f}; // top-2 by value: 2 and the three tied 1s
        SplittableRandom random = new SplittableRandom(4);
        int[] counts = new int[6];
        for (int i = 0; i < 8000; i++) {
            counts[TokenFilter.sample(logits, 0, 6, SampleConfig.topK(2), random)]++;
        }
        assertEquals(0, counts[0] + counts[5]);
        double e = Math.E;
        for (int code = 1; code <= 3; code++) {
            assertEquals(1 / (3 + e), counts[code] / 8000.0, 0.02, "tied code " + code);
        }
        assertEquals(e / (3 + e), counts[4] / 8000.0, 0.02);
    }
}
