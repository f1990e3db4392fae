package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.lm.fast.FastDecoder;
import dev.rvqlm.lm.fast.FastLm;
import dev.rvqlm.lm.fast.Workers;
import dev.rvqlm.patterns.PatternSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java engine against the DJL model: logits within 1e-4 at every step, and the same codes from the same seed
 * (the same uniform draws), over at least 1000 sequence steps per pattern family and for the depth model, through
 * the sliding window past the trained length. The models' weights are drawn wider than at initialisation so that
 * logits spread over several units and the sampled codes depend on them.
 */
class FastEngineParityTest {

    static final double TOLERANCE = 1e-4;
    private static final int MIN_STEPS = 1000;
    private static final int TRAINED_FRAMES = 12;

    /** A model of {@code config} with weights N(0, 0.25) (LayerNorm weights 1 + N(0, 0.2)), trained on nothing. */
    static LmModel sharp(LmConfig config, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> values = new ArrayList<>();
        for (ParameterTable.Entry e : LmModel.parameterTable(config).entries()) {
            float[] v = new float[Math.toIntExact(e.size())];
            boolean normWeight = e.name().contains("ln") && e.name().endsWith(".weight");
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (normWeight ? 1 + 0.2 * r.nextGaussian() : 0.25 * r.nextGaussian());
            }
            values.add(v);
        }
        return LmModel.fromValues(config, values);
    }

    /** Frames whose sampled sequence steps, over all windows, number at least 1000. */
    private static int framesFor(PatternSpec spec) {
        int perHundred = spec.pattern(Tiny.K, 100).layout().size();
        return (int) Math.ceil(MIN_STEPS * 105.0 / perHundred) + 3; // a few percent for the prompt's steps
    }

    private static LmModel windowedModel(String pattern, LmFamily family, long seed) {
        PatternSpec spec = PatternSpec.parse(pattern);
        int context = spec.pattern(Tiny.K, TRAINED_FRAMES).layout().size();
        // one temporal layer keeps the DJL reference quick; the long-context test below runs three
        LmConfig config = new LmConfig(Tiny.K, Tiny.N, 16, 1, 2, 4, 0.0, context + 4)
                .toBuilder().family(family).build();
        LmModel model = sharp(config, seed);
        model.setPatternSpec(spec);
        model.setTrainedSteps(context);
        return model;
    }

    /**
     * Samples through {@link ComparingDecoders} (the DJL model's logits drive the draws; the Java engine's are compared
     * at every step), then on the Java engine alone with the same seed: the codes must be the same.
     */
    private static void sameCodesAndLogits(LmModel model, SampleConfig config, String what) {
        int t = framesFor(model.patternSpec());
        int[][][] prompt = {CropSource.crop(Tiny.codes(t, 6), 0, 3), CropSource.crop(Tiny.codes(t, 7), 0, 3)};
        ComparingDecoders both = new ComparingDecoders(model, config);
        int[][][] djl;
        try (both) {
            djl = Sampler.generate(both, prompt, t, 11L, frames -> {});
        }
        int[][][] java = Sampler.generate(model, prompt, t, config.withEngine(SampleConfig.Engine.JAVA), 11L);
        System.out.printf(
                Locale.ROOT,
                "parity %s: %d logit vectors, max |Δ| %.3g%n",
                what,
                both.comparisons(),
                both.maxDifference());
        assertTrue(both.comparisons() >= MIN_STEPS, what + ": only " + both.comparisons() + " steps compared");
        assertTrue(both.maxDifference() < TOLERANCE, what + ": logits differ by " + both.maxDifference());
        for (int b = 0; b < prompt.length; b++) {
            assertArrayEquals(djl[b], java[b], what + ": the engines sampled different codes");
        }
    }

    /** Top-k for even cases, top-p (nucleus, temperature 0.8) for odd ones: both filters meet every family. */
    private static SampleConfig filter(int index) {
        return index % 2 == 0 ? SampleConfig.topK(5) : new SampleConfig(0.8, 0, 0.9, SampleConfig.Decoding.CACHED);
    }

    @ParameterizedTest
    @CsvSource({
        "0, parallel",
        "1, delay",
        "2, flatten",
        "3, partial-flatten",
        "4, coarse-first",
        "5, musiclm:group_by=1",
        "6, 'delay:delays=0,2,3'"
    })
    void everyPatternSamplesTheSameCodesOnBothEnginesPastTheTrainedLength(int index, String pattern) {
        try (LmModel model = windowedModel(pattern, LmFamily.INTERLEAVED, 31)) {
            SampleConfig config = filter(index);
            sameCodesAndLogits(model, config, pattern + (index % 2 == 0 ? ", top-k" : ", top-p"));
        }
    }

    @ParameterizedTest
    @CsvSource({"0, parallel", "1, delay"})
    void theDepthModelSamplesTheSameCodesOnBothEnginesPastTheTrainedLength(int index, String layout) {
        try (LmModel model = windowedModel(layout, new LmFamily.Depth(8, 2, 2, 2), 32)) {
            SampleConfig config = filter(index);
            sameCodesAndLogits(model, config, "depth over " + layout + (index % 2 == 0 ? ", top-k" : ", top-p"));
        }
    }

    @Test
    void aLongContextGivesTheSameLogitsAtEveryStepFedOneByOneOrAsAPrefix() {
        LmConfig config = new LmConfig(Tiny.K, Tiny.N, 32, 3, 4, 4, 0.0, 1100); // three layers, four heads
        try (LmModel model = sharp(config, 5);
                CachedDecoder djl = model.decoder(3, 1100);
                Workers workers = new Workers(2);
                FastDecoder java = FastCopy.of(model).decoder(3, 1100, workers)) {
            int[][][] seq = Tiny.sequence(3, 1050, 9);
            double worst = 0;
            float[] a = java.step(Sampler.slice(seq, 0, 40)); // a prefix in one call, then one step at a time
            float[] b = djl.step(Sampler.slice(seq, 0, 40));
            for (int s = 40; s < 1050; s++) {
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]));
                }
                a = java.step(Sampler.slice(seq, s, s + 1));
                b = djl.step(Sampler.slice(seq, s, s + 1));
            }
            System.out.printf(Locale.ROOT, "parity long context: max |Δ| %.3g over 1010 steps%n", worst);
            assertTrue(worst < TOLERANCE, "logits differ by " + worst);
            assertEquals(1050, java.position());
        }
    }

    /** A prompt fed in chunks against one step at a time: the same arithmetic, up to the lane sums' rounding. */
    static final float CHUNK_TOLERANCE = 1e-5f;

    @Test
    void aPromptFedInChunksGivesTheSameLogitsAsOneStepAtATime() {
        LmConfig config = new LmConfig(Tiny.K, Tiny.N, 32, 2, 4, 4, 0.0, 200);
        try (LmModel model = sharp(config, 8);
                Workers workers = new Workers(2)) {
            FastLm lm = FastCopy.of(model);
            int[][][] seq = Tiny.sequence(2, 90, 12);
            FastDecoder whole = lm.decoder(2, 100, workers);
            FastDecoder stepwise = lm.decoder(2, 100, workers);
            float[] a = whole.step(Sampler.slice(seq, 0, 70)); // three passes: 32, 32 and 6 steps
            float[] b = null;
            for (int s = 0; s < 70; s++) {
                b = stepwise.step(Sampler.slice(seq, s, s + 1));
            }
            // Not bit for bit: the vector API's lane sums may round differently before and after the JIT compiles
            // them (seen once in a loaded build: 1 ulp), so the bound is a few ulps of these logits.
            assertArrayEquals(b, a, CHUNK_TOLERANCE, "the prompt's logits");
            for (int s = 70; s < 90; s++) { // the caches they filled are the same too
                assertArrayEquals(
                        stepwise.step(Sampler.slice(seq, s, s + 1)),
                        whole.step(Sampler.slice(seq, s, s + 1)),
                        CHUNK_TOLERANCE);
            }
        }
    }
}
