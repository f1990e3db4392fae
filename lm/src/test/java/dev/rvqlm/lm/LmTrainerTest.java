package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.patterns.StepSelection;
import dev.rvqlm.tokens.TokenCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LmTrainerTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"parallel", "delay", "flatten", "partial-flatten"})
    void aTinyModelOverfitsOneShortSequence(String pattern) {
        int t = 6;
        TokenCorpus one = new TokenCorpus(List.of(new TokenCorpus.Item("one", Tiny.codes(t, 11))), Tiny.N, 50, "");
        LmTraining run = Tiny.trainBuilder(t, 120)
                .batch(2)
                .weightDecay(0.0)
                .decay(LmTraining.DecayPolicy.MATRICES)
                .build();
        try (LmModel model = LmModel.create(Tiny.config(), 1)) {
            TrainResult r = new LmTrainer(run).train(model, one, PatternSpec.parse(pattern), TrainListener.NONE);
            double first = r.losses()[0];
            assertTrue(first > 1.5, pattern + ": starts near ln 8 = 2.08, got " + first);
            assertTrue(r.finalLoss() < 0.05, pattern + ": loss after 120 steps " + r.finalLoss());
            // the scorer runs all steps and scores each code once; training saw only the valid steps, so the
            // last max-delay timesteps of the delayed codebooks were never learnt
            NllResult nll = LmEvaluator.evaluate(model, List.<int[][]>of(Tiny.codes(t, 11)), 1);
            assertEquals(Tiny.K * (long) t, Arrays.stream(nll.counts()).sum(), "each code scored once");
            double[] perCodebook = nll.meanNats();
            assertTrue(perCodebook[0] < 0.3, pattern + ": held-out NLL of codebook 0 " + perCodebook[0]);
            if (!pattern.equals("delay")) {
                assertTrue(nll.meanOverCodebooks() < 0.3, pattern + ": held-out NLL " + nll.meanOverCodebooks());
            }
        }
    }

    @Test
    void aListenerThatAnswersStopEndsTheRunAfterThatStepWithItsCheckpoint() throws IOException {
        TokenCorpus corpus = Tiny.corpus(4, 20, 2);
        LmTraining run = Tiny.trainBuilder(8, 10).checkpointEvery(0).build();
        TrainListener stopAfterFourSteps = new TrainListener() {
            @Override
            public Decision afterStep(StepMetrics m) {
                return m.step() == 3 ? Decision.STOP : Decision.CONTINUE;
            }
        };
        Path runDir = dir.resolve("stopped");
        try (LmModel model = LmModel.create(Tiny.config(), run.run().seed())) {
            TrainResult r =
                    new LmTrainer(run).train(model, corpus, PatternSpec.parse("delay"), runDir, stopAfterFourSteps);
            assertEquals(4, r.history().size(), "steps 0..3 ran, then the run stopped");
        }
        Checkpoint.Loaded saved = Checkpoint.read(runDir.resolve(LmTrainer.CHECKPOINT));
        try (LmModel model = saved.model()) {
            assertEquals(4, saved.training().nextStep(), "the stopped step is checkpointed as the last one");
        }
    }

    @Test
    void theSameSeedGivesTheSameLossCurve() {
        TokenCorpus corpus = Tiny.corpus(4, 20, 2);
        LmTraining run = Tiny.train(8, 6);
        double[] a;
        double[] b;
        double[] c;
        try (LmModel model = LmModel.create(Tiny.config(), run.run().seed())) {
            a = new LmTrainer(run)
                    .train(model, corpus, PatternSpec.parse("delay"), TrainListener.NONE)
                    .losses();
        }
        try (LmModel model = LmModel.create(Tiny.config(), run.run().seed())) {
            b = new LmTrainer(run)
                    .train(model, corpus, PatternSpec.parse("delay"), TrainListener.NONE)
                    .losses();
        }
        try (LmModel model = LmModel.create(Tiny.config(), 99)) {
            c = new LmTrainer(run.toBuilder().seed(99).build())
                    .train(model, corpus, PatternSpec.parse("delay"), TrainListener.NONE)
                    .losses();
        }
        assertArrayEquals(a, b, 0.0);
        assertNotEquals(a[0], c[0]);
    }

    @Test
    void dropoutIsSeededPerStepAndOffOutsideTraining() {
        LmConfig withDropout = new LmConfig(Tiny.K, Tiny.N, 16, 2, 2, 4, 0.3, 64);
        TokenCorpus corpus = Tiny.corpus(3, 16, 5);
        LmTraining run = Tiny.train(8, 4);
        double[][] losses = new double[2][];
        for (int i = 0; i < 2; i++) {
            try (LmModel model = LmModel.create(withDropout, 4)) {
                losses[i] = new LmTrainer(run)
                        .train(model, corpus, PatternSpec.parse("delay"), TrainListener.NONE)
                        .losses();
                int[][][] seq = Tiny.sequence(1, 6, 1);
                assertArrayEquals(model.logits(seq), model.logits(seq), 0f, "no dropout when not training");
            }
        }
        assertArrayEquals(losses[0], losses[1], 0.0);
        try (LmModel model = LmModel.create(Tiny.config(), 4)) {
            double[] plain = new LmTrainer(run)
                    .train(model, corpus, PatternSpec.parse("delay"), TrainListener.NONE)
                    .losses();
            assertNotEquals(plain[0], losses[0][0], "dropout changes the training loss");
        }
    }

    @Test
    void resumingAKilledRunReachesTheSameLossCurve() throws IOException {
        TokenCorpus corpus = Tiny.corpus(4, 20, 3);
        LmTraining run = Tiny.trainBuilder(8, 7)
                .checkpointEvery(3)
                .accumulation(2)
                .validationFraction(0.25)
                .validationWindows(2)
                .evalEvery(2)
                .build();
        Path whole = dir.resolve("whole");
        Path broken = dir.resolve("broken");
        double[] expected;
        try (LmModel model = LmModel.create(Tiny.config(), run.run().seed())) {
            expected = new LmTrainer(run)
                    .train(model, corpus, PatternSpec.parse("delay"), whole, TrainListener.NONE)
                    .losses();
        }
        TrainListener killer = Tiny.killedAfter(4);
        try (LmModel model = LmModel.create(Tiny.config(), run.run().seed())) {
            assertThrows(
                    IllegalStateException.class,
                    () -> new LmTrainer(run).train(model, corpus, PatternSpec.parse("delay"), broken, killer));
        }
        TrainResult resumed = LmTrainer.resume(broken, corpus, TrainListener.NONE);
        try (LmModel model = resumed.model()) {
            assertEquals(3, resumed.history().get(0).step(), "the last checkpoint was after step index 2");
            double[] tail = Arrays.copyOfRange(expected, 3, 7);
            assertArrayEquals(tail, resumed.losses(), 0.0);
            assertEquals("delay", model.patternSpec().name());
            assertEquals("test-tokenizer", model.tokenizerId());
        }
        List<String> lines = Files.readAllLines(broken.resolve(LmTrainer.METRICS));
        assertEquals(Files.readAllLines(whole.resolve(LmTrainer.METRICS)).size(), lines.size());
        assertEquals(7, lines.stream().filter(l -> l.contains("\"loss\"")).count());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"val_nll\"")));
    }

    @Test
    void cellsOutsideTheMaskChangeNeitherLossNorGradients() {
        // delay with K=3: the valid steps stop before codebooks 1 and 2 reach their last timesteps
        int t = 6;
        int[][] codes = Tiny.codes(t, 4);
        int[][] outside = Tiny.codes(t, 4);
        outside[2][t - 1] = (outside[2][t - 1] + 1) % Tiny.N;
        outside[2][t - 2] = (outside[2][t - 2] + 1) % Tiny.N;
        outside[1][t - 1] = (outside[1][t - 1] + 1) % Tiny.N;
        int[][] inside = Tiny.codes(t, 4);
        inside[0][t - 1] = (inside[0][t - 1] + 1) % Tiny.N;
        try (LmModel model = LmModel.create(Tiny.config(), 6)) {
            PatternSpec delay = PatternSpec.parse("delay");
            Result base = lossAndGrads(model, delay, codes);
            Result out = lossAndGrads(model, delay, outside);
            Result in = lossAndGrads(model, delay, inside);
            assertEquals(base.loss, out.loss, 0f);
            for (int i = 0; i < base.grads.size(); i++) {
                assertArrayEquals(base.grads.get(i), out.grads.get(i), 0f, "gradient " + i);
            }
            assertNotEquals(base.loss, in.loss, "a cell inside the mask must count");
        }
    }

    private record Result(float loss, List<float[]> grads) {}

    private static Result lossAndGrads(LmModel model, PatternSpec spec, int[][] codes) {
        try (NDManager sm = model.manager().newSubManager()) {
            float loss = LmTrainer.lossAndGradients(model, spec, List.of(codes, codes), sm);
            List<float[]> grads = new ArrayList<>();
            for (Parameters.Param p : model.params()) {
                NDArray g = p.array().getGradient();
                g.attach(sm);
                grads.add(g.toFloatArray());
                g.subi(g);
            }
            return new Result(loss, grads);
        }
    }

    @Test
    void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() {
        LmConfig config = new LmConfig(2, 5, 8, 1, 2, 2, 0.0, 16);
        int t = 5;
        int[][] codes = {{1, 4, 0, 2, 3}, {0, 0, 4, 1, 2}};
        PatternSpec spec = PatternSpec.parse("delay");
        try (LmModel model = LmModel.create(config, 8)) {
            PatternBatcher.Batch batch =
                    new PatternBatcher(spec, config, t, StepSelection.VALID_STEPS).batch(List.<int[][]>of(codes));
            GradientCheck.assertMatchesFiniteDifferences(model, batch, List.of("emb", "layers.0.attn.qkv"));
        }
    }

    @Test
    void tokensUnlikeTheModelAreRejected() {
        try (LmModel model = LmModel.create(Tiny.config(), 1)) {
            TokenCorpus fewerCodes =
                    new TokenCorpus(List.of(new TokenCorpus.Item("a", new int[Tiny.K][10])), 4, 50, "");
            IllegalArgumentException n = assertThrows(
                    IllegalArgumentException.class,
                    () -> new LmTrainer(Tiny.train(8, 1))
                            .train(model, fewerCodes, PatternSpec.parse("delay"), TrainListener.NONE));
            assertTrue(n.getMessage().contains("N=4"), n.getMessage());
            TokenCorpus twoBooks = new TokenCorpus(List.of(new TokenCorpus.Item("a", new int[2][10])), Tiny.N, 50, "");
            IllegalArgumentException k = assertThrows(
                    IllegalArgumentException.class,
                    () -> new LmTrainer(Tiny.train(8, 1))
                            .train(model, twoBooks, PatternSpec.parse("delay"), TrainListener.NONE));
            assertTrue(k.getMessage().contains("K=2"), k.getMessage());
            IllegalArgumentException longT = assertThrows(
                    IllegalArgumentException.class,
                    () -> new LmTrainer(Tiny.train(70, 1))
                            .train(model, Tiny.corpus(2, 80, 1), PatternSpec.parse("delay"), TrainListener.NONE));
            assertTrue(longT.getMessage().contains("maxSequenceSteps"), longT.getMessage());
            IllegalArgumentException shortFiles = assertThrows(
                    IllegalArgumentException.class,
                    () -> new LmTrainer(Tiny.train(30, 1))
                            .train(model, Tiny.corpus(2, 20, 1), PatternSpec.parse("delay"), TrainListener.NONE));
            assertTrue(shortFiles.getMessage().contains("T ≥ 30"), shortFiles.getMessage());
        }
        int[][] outOfRange = new int[Tiny.K][4];
        outOfRange[1][2] = Tiny.N;
        IllegalArgumentException range = assertThrows(
                IllegalArgumentException.class,
                () -> new TokenCorpus(List.of(new TokenCorpus.Item("bad.npy", outOfRange)), Tiny.N, 50, ""));
        assertTrue(
                range.getMessage().contains("bad.npy") && range.getMessage().contains("codebook 1"),
                range.getMessage());
    }

    @Test
    void learningRateWarmsUpThenDecaysToTheMinimum() {
        LmTraining.Schedule c = LmTraining.defaults().toBuilder()
                .steps(110)
                .warmupSteps(10)
                .learningRate(1e-3)
                .minLearningRate(1e-4)
                .build()
                .schedule();
        assertEquals(1e-4, c.learningRateAt(0), 1e-12);
        assertEquals(1e-3, c.learningRateAt(9), 1e-12);
        assertEquals(1e-3, c.learningRateAt(10), 1e-12);
        assertEquals((1e-3 + 1e-4) / 2, c.learningRateAt(60), 1e-12);
        assertEquals(1e-4, c.learningRateAt(110), 1e-12);
    }
}
