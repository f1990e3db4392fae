package dev.rvqlm.tokens.synth;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A source of K code streams whose entropy is known. Stream 0 is a Markov chain in time; stream k ≥ 1 draws its
 * code at frame t from a table indexed by stream k−1's code at the same frame and its own code at frame t−1:
 * <pre>
 * p(frame_t | frame_t−1) = p0(c0_t | c0_t−1) · Π_k pk(ck_t | c(k−1)_t, ck_t−1)
 * </pre>
 * so a frame depends on the previous frame only (the frames form a Markov chain on N^K states). Each table row puts
 * (1 − floor) of its mass on {@code support} codes ({@code firstSupport} for stream 0) with random weights and
 * spreads the floor over all N codes.
 *
 * @param config the source's shape
 * @param first  [N][N] p0(c | previous c0)
 * @param next   [K][N][N][N] pk(c | c(k−1) of this frame, previous ck); {@code next[0]} is unused (null)
 */
public record MarkovSource(SynthSourceConfig config, double[][] first, double[][][][] next) {

    /** Draws the tables from {@code config.seed()}. */
    public static MarkovSource random(SynthSourceConfig config) {
        SplittableRandom random = new SplittableRandom(config.seed());
        int n = config.codebookSize();
        double[][] first = new double[n][];
        for (int a = 0; a < n; a++) {
            first[a] = sparseRow(config, config.firstSupport(), random);
        }
        double[][][][] next = new double[config.codebooks()][][][];
        for (int k = 1; k < config.codebooks(); k++) {
            next[k] = new double[n][n][];
            for (int above = 0; above < n; above++) {
                double[] shared = config.ownPast() ? null : sparseRow(config, config.support(), random);
                for (int own = 0; own < n; own++) {
                    next[k][above][own] = config.ownPast() ? sparseRow(config, config.support(), random) : shared;
                }
            }
        }
        return new MarkovSource(config, first, next);
    }

    private static double[] sparseRow(SynthSourceConfig config, int support, SplittableRandom random) {
        int n = config.codebookSize();
        double[] row = new double[n];
        double[] weights = new double[support];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = -Math.log(1 - random.nextDouble()); // Exp(1): Dirichlet(1, ..., 1) after normalising
            sum += weights[i];
        }
        int[] codes = distinctCodes(n, weights.length, random);
        for (int i = 0; i < weights.length; i++) {
            row[codes[i]] += (1 - config.floor()) * weights[i] / sum;
        }
        for (int c = 0; c < n; c++) {
            row[c] += config.floor() / n;
        }
        return row;
    }

    private static int[] distinctCodes(int n, int count, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < count; i++) { // partial Fisher-Yates
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, count);
    }

    /** The conditional of stream {@code k} given stream k−1's code {@code above} (ignored for k = 0) and {@code own}. */
    public double[] conditional(int k, int above, int own) {
        return k == 0 ? first[own] : next[k][above][own];
    }

    /**
     * Draws {@code frames} frames [K][T], starting after {@code burnIn} discarded frames from frame 0 = all zeros,
     * so the kept frames are (close to) stationary.
     */
    public int[][] sample(int frames, int burnIn, SplittableRandom random) {
        int kk = config.codebooks();
        int[][] codes = new int[kk][frames];
        int[] previous = new int[kk];
        int[] current = new int[kk];
        for (int t = -burnIn; t < frames; t++) {
            for (int k = 0; k < kk; k++) {
                current[k] = draw(conditional(k, k == 0 ? 0 : current[k - 1], previous[k]), random);
            }
            if (t >= 0) {
                for (int k = 0; k < kk; k++) {
                    codes[k][t] = current[k];
                }
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return codes;
    }

    /** −log2 p(frame t | frame t−1) of stream k, for t ≥ 1. */
    public double bits(int[][] codes, int k, int t) {
        return -Math.log(conditional(k, k == 0 ? 0 : codes[k - 1][t], codes[k][t - 1])[codes[k][t]]) / Math.log(2);
    }

    private static int draw(double[] p, SplittableRandom random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int c = 0; c < p.length; c++) {
            cumulative += p[c];
            if (u < cumulative) {
                return c;
            }
        }
        return p.length - 1;
    }
}
