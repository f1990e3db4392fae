package dev.rvqlm.lm;

import dev.rvqlm.tokens.TokenCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Tiny configurations and token data made up for the tests. */
final class Tiny {

    static final int K = 3;
    static final int N = 8;

    private Tiny() {}

    static LmConfig config() {
        return new LmConfig(K, N, 16, 2, 2, 4, 0.0, 64);
    }

    /** Random codes [K][T] in [0, N). */
    static int[][] codes(int t, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] out = new int[K][t];
        for (int k = 0; k < K; k++) {
            for (int i = 0; i < t; i++) {
                out[k][i] = r.nextInt(N);
            }
        }
        return out;
    }

    /** A corpus of {@code files} random files of T frames each. */
    static TokenCorpus corpus(int files, int t, long seed) {
        List<TokenCorpus.Item> items = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            items.add(new TokenCorpus.Item("f" + f + ".npy", codes(t, seed * 31 + f)));
        }
        return new TokenCorpus(items, N, 50.0, "test-tokenizer");
    }

    static LmTraining train(int timesteps, int steps) {
        return trainBuilder(timesteps, steps).build();
    }

    static LmTraining.Builder trainBuilder(int timesteps, int steps) {
        return LmTraining.defaults().toBuilder()
                .timesteps(timesteps)
                .batch(4)
                .steps(steps)
                .learningRate(1e-2)
                .minLearningRate(1e-3)
                .warmupSteps(5)
                .seed(3)
                .validationFraction(0.25)
                .validationWindows(4)
                .evalEvery(0)
                .checkpointEvery(0);
    }

    /** A random pattern sequence [B][K][S] with values in [0, N] (N the special token). */
    static int[][][] sequence(int b, int s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][][] out = new int[b][K][s];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < K; k++) {
                for (int j = 0; j < s; j++) {
                    out[i][k][j] = r.nextInt(N + 1);
                }
            }
        }
        return out;
    }

    /** A listener that stops a run with an IllegalStateException after step index {@code step}, as a crash would. */
    static TrainListener killedAfter(int step) {
        return new TrainListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (m.step() == step) {
                    throw new IllegalStateException("killed");
                }
            }
        };
    }
}
