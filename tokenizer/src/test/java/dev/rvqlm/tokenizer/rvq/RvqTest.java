package dev.rvqlm.tokenizer.rvq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RvqTest {

    /** Codebooks whose stage k is scaled by 0.02^k, so greedy search can always find the generating codes. */
    private static Codebooks nestedCodebooks(int k, int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] stages = new float[k][n * d];
        for (int s = 0; s < k; s++) {
            double scale = Math.pow(0.02, s);
            for (int i = 0; i < n * d; i++) {
                stages[s][i] = (float) (scale * (r.nextDouble() * 2 - 1));
            }
        }
        return new Codebooks(n, d, stages);
    }

    @Test
    void dataDrawnFromItsOwnCodebooksGivesBackItsCodes() {
        int k = 3;
        int n = 16;
        int d = 24;
        Codebooks books = nestedCodebooks(k, n, d, 5);
        SplittableRandom r = new SplittableRandom(9);
        int frames = 500;
        int[][] codes = new int[k][frames];
        for (int s = 0; s < k; s++) {
            for (int t = 0; t < frames; t++) {
                codes[s][t] = r.nextInt(n);
            }
        }
        float[][] vectors = books.decode(codes, k);
        try (ResidualQuantizer q = new ResidualQuantizer(books)) {
            assertArrayEquals(codes, q.encode(vectors));
            ResidualQuantizer.Encoded e = q.encodeWithResidual(vectors, k);
            assertTrue(e.residualMse()[k - 1] < 1e-12, "nothing left after the last stage");
            assertArrayEquals(new int[][] {codes[0], codes[1]}, q.encode(vectors, 2), "prefix");
        }
    }

    /** 16 well-separated Gaussian clusters in 4-D, plus (optionally) a few far outliers. */
    private static float[][] clusters(float[][] centres, int perCluster, int outliers, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = centres[0].length;
        float[][] data = new float[centres.length * perCluster + outliers][d];
        int i = 0;
        for (float[] c : centres) {
            for (int j = 0; j < perCluster; j++, i++) {
                for (int x = 0; x < d; x++) {
                    data[i][x] = (float) (c[x] + 0.05 * r.nextGaussian());
                }
            }
        }
        for (int o = 0; o < outliers; o++, i++) {
            for (int x = 0; x < d; x++) {
                data[i][x] = (float) (300 * (r.nextDouble() * 2 - 1));
            }
        }
        return data;
    }

    private static float[][] grid16() {
        float[][] centres = new float[16][4];
        for (int c = 0; c < 16; c++) {
            centres[c] = new float[] {c % 4 * 2f, c / 4 * 2f, (c % 2) * 2f, (c / 8) * 2f};
        }
        return centres;
    }

    @Test
    void kMeansPlusPlusAndEmaFindSyntheticClusters() {
        float[][] centres = grid16();
        float[][] data = clusters(centres, 200, 0, 1);
        RvqTraining config = RvqTraining.defaults(3).toBuilder()
                .iterations(60)
                .batchSize(512)
                .decay(0.9)
                .build();
        RvqTrainer.Result result = new RvqTrainer(1, 16, config).train(data, TrainProgress.Listener.NONE);
        float[] book = result.codebooks().stage(0);
        for (float[] c : centres) {
            double best = Double.MAX_VALUE;
            for (int n = 0; n < 16; n++) {
                double dist = 0;
                for (int x = 0; x < 4; x++) {
                    dist += Math.pow(book[n * 4 + x] - c[x], 2);
                }
                best = Math.min(best, Math.sqrt(dist));
            }
            assertTrue(best < 0.03, "a codeword within 0.03 of every true centre, got " + best);
        }
        StageDiagnostics d = result.diagnostics().get(0);
        assertEquals(16, d.perplexity(), 0.2, "all 16 codes equally used");
        assertEquals(100, d.usagePercent(), 1e-9);
        assertEquals(0, d.deadCodes());
    }

    @Test
    void deadCodeResetRevivesDuplicateCodes() {
        // 16 distinct points, each repeated: uniform random seeding draws some twice, and a duplicate never wins.
        float[][] data = clusters(grid16(), 100, 0, 2);
        for (int i = 0; i < data.length; i++) {
            data[i] = grid16()[i / 100];
        }
        RvqTraining base = RvqTraining.defaults(4).toBuilder()
                .iterations(40)
                .batchSize(512)
                .init(Init.RANDOM_SAMPLES)
                .build();
        StageDiagnostics keep = new RvqTrainer(
                        1,
                        16,
                        base.toBuilder().deadCodes(new DeadCodePolicy.Keep()).build())
                .train(data, TrainProgress.Listener.NONE)
                .diagnostics()
                .get(0);
        List<Integer> resets = new ArrayList<>();
        StageDiagnostics revived = new RvqTrainer(
                        1,
                        16,
                        base.toBuilder()
                                .deadCodes(new DeadCodePolicy.Reset(1.0))
                                .build())
                .train(data, p -> resets.add(p.deadCodes()))
                .diagnostics()
                .get(0);
        assertTrue(keep.deadCodes() > 0, "random seeding left dead codes: " + keep);
        assertTrue(resets.stream().mapToInt(Integer::intValue).sum() > 0, "some codes were reset");
        assertTrue(
                revived.perplexity() > keep.perplexity() + 2,
                "reset raises perplexity: " + keep.perplexity() + " -> " + revived.perplexity());
        assertTrue(revived.deadCodes() < keep.deadCodes(), keep.deadCodes() + " -> " + revived.deadCodes());
    }

    @Test
    void sameSeedSameCodebooksDifferentSeedDifferent() {
        float[][] data = clusters(grid16(), 50, 0, 3);
        RvqTraining config = RvqTraining.defaults(11).toBuilder()
                .iterations(10)
                .batchSize(256)
                .dropout(0.5)
                .build();
        Codebooks a = new RvqTrainer(2, 16, config)
                .train(data, TrainProgress.Listener.NONE)
                .codebooks();
        Codebooks b = new RvqTrainer(2, 16, config)
                .train(data, TrainProgress.Listener.NONE)
                .codebooks();
        Codebooks c = new RvqTrainer(
                        2,
                        16,
                        RvqTraining.defaults(12).toBuilder()
                                .iterations(10)
                                .batchSize(256)
                                .dropout(0.5)
                                .build())
                .train(data, TrainProgress.Listener.NONE)
                .codebooks();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void residualShrinksStageByStage() {
        SplittableRandom r = new SplittableRandom(4);
        float[][] data = new float[3000][8];
        for (float[] row : data) {
            for (int x = 0; x < 8; x++) {
                row[x] = (float) r.nextGaussian();
            }
        }
        RvqTrainer.Result result = new RvqTrainer(
                        4,
                        32,
                        RvqTraining.defaults(1).toBuilder()
                                .iterations(20)
                                .batchSize(1000)
                                .build())
                .train(data, TrainProgress.Listener.NONE);
        double previous = 0;
        for (StageDiagnostics d : result.diagnostics()) {
            assertTrue(d.relativeResidualDb() < previous, "stage " + d.stage() + ": " + d.relativeResidualDb());
            previous = d.relativeResidualDb();
        }
    }

    @Test
    void noStageMakesTheResidualWorse() {
        // Vectors that stage 1 reproduces exactly leave a zero residual; a later stage without a zero codeword must
        // add a non-zero one and make it worse. With code 0 reserved as zero every later stage leaves it at zero.
        SplittableRandom r = new SplittableRandom(6);
        float[][] data = new float[2000][6];
        for (float[] row : data) {
            for (int x = 0; x < 6; x++) {
                row[x] = (float) r.nextGaussian();
            }
        }
        Codebooks books = new RvqTrainer(
                        3,
                        16,
                        RvqTraining.defaults(2).toBuilder()
                                .iterations(10)
                                .batchSize(500)
                                .build())
                .train(data, TrainProgress.Listener.NONE)
                .codebooks();
        float[] first = books.stage(0);
        float[][] exact = new float[16][];
        for (int n = 0; n < 16; n++) {
            exact[n] = Arrays.copyOfRange(first, n * 6, n * 6 + 6);
        }
        try (ResidualQuantizer q = new ResidualQuantizer(books)) {
            double[] mse = q.encodeWithResidual(exact, 3).residualMse();
            assertEquals(0, mse[0], 1e-12, "stage 1 holds these vectors");
            assertEquals(0, mse[1], 1e-12, "stage 2 leaves a zero residual at zero");
            assertEquals(0, mse[2], 1e-12, "stage 3 leaves a zero residual at zero");
        }
        // And on data unlike the training data (ten times louder), the residual never grows from stage to stage.
        float[][] loud = new float[300][6];
        for (float[] row : loud) {
            for (int x = 0; x < 6; x++) {
                row[x] = (float) (10 * r.nextGaussian());
            }
        }
        try (ResidualQuantizer q = new ResidualQuantizer(books)) {
            double[] mse = q.encodeWithResidual(loud, 3).residualMse();
            assertTrue(mse[1] <= mse[0] && mse[2] <= mse[1], Arrays.toString(mse));
        }
    }

    @Test
    void configsRejectBadValues() {
        assertThrows(
                IllegalArgumentException.class,
                () -> RvqTraining.defaults(0).toBuilder().iterations(-1).build());
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new RvqTraining(1, 1, 0, Init.KMEANS_PLUS_PLUS, 1.0, DeadCodePolicy.defaults(), 0))
                .getMessage()
                .contains("decay must be in [0, 1), got 1.0"));
        assertThrows(
                IllegalArgumentException.class,
                () -> RvqTraining.defaults(0).toBuilder().dropout(1).build());
        assertThrows(IllegalArgumentException.class, () -> new DeadCodePolicy.Reset(0));
        assertThrows(IllegalArgumentException.class, () -> new RvqTrainer(0, 16, RvqTraining.defaults(0)));
        Codebooks books = nestedCodebooks(2, 4, 3, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> books.decode(new int[][] {{0, 4}}, 1))
                .getMessage()
                .contains("code 4 at codebook 0, frame 1 is out of range [0, 4)"));
        assertThrows(IllegalArgumentException.class, () -> books.decode(new int[][] {{0}}, 2));
    }
}
