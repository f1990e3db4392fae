package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import dev.rvqlm.patterns.PatternSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LmModelTest {

    @Test
    void parameterCountMatchesTheConfigAndTheYardstick() {
        LmConfig a = new LmConfig(4, 1024, 256, 6, 8, 4, 0.0, 1024);
        // torch_lm_bench.py's param_counts() for config A: 4·1025·256 embedding + 5,773,824 others
        assertEquals(1_049_600L, a.embeddingParameterCount());
        assertEquals(6_823_424L, a.parameterCount());
        try (LmModel model = LmModel.create(Tiny.config(), 1)) {
            assertEquals(Tiny.config().parameterCount(), model.parameterCount());
        }
        // FLOPs: 6·P_nonemb per step plus the causal attention term 6·L·S·D
        assertEquals(
                6.0 * a.nonEmbeddingParameterCount() * 8 * 512 + 6.0 * 6 * 8 * 512 * 512 * 256,
                a.trainingFlops(8, 512),
                1.0);
    }

    @Test
    void configRejectsBadShapesNamingTheField() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new LmConfig(4, 1024, 250, 6, 8, 4, 0.0, 1024));
        assertTrue(e.getMessage().contains("D=250") && e.getMessage().contains("H=8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LmConfig(0, 1024, 256, 6, 8, 4, 0.0, 1024));
        assertThrows(IllegalArgumentException.class, () -> new LmConfig(4, 1024, 256, 6, 8, 4, 1.0, 1024));
    }

    @Test
    void changingAFutureTokenNeverChangesEarlierLogits() {
        try (LmModel model = LmModel.create(Tiny.config(), 2)) {
            int s = 12;
            int[][][] seq = Tiny.sequence(2, s, 5);
            float[] before = model.logits(seq);
            int stride = Tiny.K * Tiny.N; // floats per step
            for (int changed : new int[] {3, 7, 11}) {
                int[][][] other = Tiny.sequence(2, s, 5);
                other[1][2][changed] = (other[1][2][changed] + 1) % (Tiny.N + 1);
                other[0][0][changed] = (other[0][0][changed] + 3) % (Tiny.N + 1);
                float[] after = model.logits(other);
                for (int b = 0; b < 2; b++) {
                    for (int step = 0; step < s; step++) {
                        double diff = 0;
                        for (int i = 0; i < stride; i++) {
                            int at = (b * s + step) * stride + i;
                            diff = Math.max(diff, Math.abs(before[at] - after[at]));
                        }
                        if (step < changed) {
                            assertTrue(
                                    diff < 1e-6,
                                    "step " + step + " changed by " + diff + " (token at " + changed + ")");
                        } else if (step == changed) {
                            assertTrue(diff > 1e-4, "the changed step " + step + " itself must change");
                        }
                    }
                }
            }
        }
    }

    @Test
    void cachedDecodingGivesTheSameLogitsAsTheFullForward() {
        try (LmModel model = LmModel.create(Tiny.config(), 3)) {
            int s = 20;
            int[][][] seq = Tiny.sequence(3, s, 9);
            float[] full = model.logits(seq); // [B][S][K][N]
            int kn = Tiny.K * Tiny.N;
            try (CachedDecoder decoder = model.decoder(3, s)) {
                int fed = 0;
                for (int chunk : new int[] {5, 1, 1, 3, 1, 9}) {
                    int[][][] part = new int[3][Tiny.K][];
                    for (int b = 0; b < 3; b++) {
                        for (int k = 0; k < Tiny.K; k++) {
                            part[b][k] = Arrays.copyOfRange(seq[b][k], fed, fed + chunk);
                        }
                    }
                    float[] last = decoder.step(part);
                    fed += chunk;
                    for (int b = 0; b < 3; b++) {
                        for (int i = 0; i < kn; i++) {
                            float want = full[(b * s + fed - 1) * kn + i];
                            assertEquals(want, last[b * kn + i], 1e-4, "step " + (fed - 1));
                        }
                    }
                }
                assertEquals(s, decoder.position());
                assertThrows(IllegalArgumentException.class, () -> decoder.step(Tiny.sequence(3, 1, 1)));
            }
        }
    }

    @Test
    void batchChunkedAttentionAndLossEqualTheUnchunkedOnes() {
        // the same seed gives the same weights; chunks of 1 byte mean one batch row per chunk
        try (LmModel model = LmModel.create(Tiny.config(), 7);
                LmModel chunkedModel = LmModel.create(Tiny.config(), 7, 1)) {
            int[][][] seq = Tiny.sequence(5, 11, 3);
            int[][] codes = Tiny.codes(10, 2);
            PatternSpec spec = PatternSpec.parse("delay");
            float[] whole = model.logits(seq);
            NllResult scoreWhole = LmEvaluator.evaluate(model, spec, List.of(codes, codes, codes), 3);
            float[] chunked = chunkedModel.logits(seq);
            for (int i = 0; i < whole.length; i++) {
                assertEquals(whole[i], chunked[i], 1e-5f);
            }
            NllResult scoreChunked = LmEvaluator.evaluate(chunkedModel, spec, List.of(codes, codes, codes), 3);
            for (int k = 0; k < Tiny.K; k++) {
                assertEquals(scoreWhole.nats()[k], scoreChunked.nats()[k], 1e-4);
            }
        }
    }

    @Test
    void stepsDoNotLeaveArraysInTheModelsManager() {
        try (LmModel model = LmModel.create(Tiny.config(), 4)) {
            int before = ((BaseNDManager) model.manager()).getManagedArrays().size();
            model.logits(Tiny.sequence(2, 10, 1));
            model.setPatternSpec(PatternSpec.parse("delay"));
            Sampler.generate(model, 2, 6, SampleConfig.topK(3), 1L);
            new LmTrainer(Tiny.train(8, 3))
                    .train(model, Tiny.corpus(3, 12, 1), PatternSpec.parse("delay"), TrainListener.NONE);
            int after = ((BaseNDManager) model.manager()).getManagedArrays().size();
            assertEquals(before, after, "arrays left attached to the model's manager");
        }
    }

    @Test
    void badSequencesAreRejectedClearly() {
        try (LmModel model = LmModel.create(Tiny.config(), 5)) {
            IllegalArgumentException k =
                    assertThrows(IllegalArgumentException.class, () -> model.logits(new int[1][Tiny.K + 1][4]));
            assertTrue(k.getMessage().contains("K=4"), k.getMessage());
            int[][][] bad = Tiny.sequence(1, 4, 1);
            bad[0][1][2] = Tiny.N + 1;
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> model.logits(bad));
            assertTrue(range.getMessage().contains("outside"), range.getMessage());
            IllegalArgumentException len =
                    assertThrows(IllegalArgumentException.class, () -> model.logits(Tiny.sequence(1, 65, 1)));
            assertTrue(len.getMessage().contains("maxSequenceSteps=64"), len.getMessage());
        }
    }

    @Test
    void sinusoidsFollowAudioCraftsFormula() {
        float[] table = LmModel.sinusoids(3, 8); // half = 4: phase = s / 10000^(i/3)
        assertEquals(1f, table[0], 0f); // cos(0)
        assertEquals(0f, table[4], 0f); // sin(0)
        assertEquals((float) Math.cos(2.0), table[16], 1e-6f);
        assertEquals((float) Math.sin(2.0 / Math.pow(10000, 1.0 / 3)), table[16 + 5], 1e-6f);
        assertEquals((float) Math.sin(2.0 / 10000), table[16 + 7], 1e-6f);
        NDManager.class.getName();
    }
}
