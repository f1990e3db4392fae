package dev.rvqlm.eval.metrics;

import java.util.List;

/**
 * The per-codebook unigram model of a token corpus: each codebook's code distribution counted on the training grids,
 * with add-½ smoothing (Krichevsky–Trofimov, so a code never seen in training costs finite bits), p_k(c) = (n_k(c) +
 * ½) / (n_k + N/2). Scored on held-out grids it gives what a model learns from the marginals alone: an LM that scores
 * a codebook above its unigram figure has learnt nothing about that codebook that carries over to new files (it
 * memorised its training files, or has not yet learnt the marginal), and the gain below it is what the LM learnt
 * from context.
 *
 * <pre>{@code
 * UnigramBaseline unigram = UnigramBaseline.fit(trainGrids, 1024);
 * double[] bits = unigram.bitsByCodebook(testGrids);   // [K] bits per code
 * }</pre>
 *
 * @param probabilities [K][N] smoothed code probabilities per codebook
 */
public record UnigramBaseline(double[][] probabilities) {

    private static final double LOG2 = Math.log(2);

    public UnigramBaseline {
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("a unigram baseline needs at least one codebook");
        }
    }

    /** Counts every code of {@code grids} ([K][T] each, T may differ) per codebook. */
    public static UnigramBaseline fit(List<int[][]> grids, int codebookSize) {
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("a unigram baseline needs at least one training grid");
        }
        int k = grids.get(0).length;
        double[][] counts = new double[k][codebookSize];
        double[] totals = new double[k];
        for (int[][] grid : grids) {
            requireCodebooks(grid, k);
            for (int q = 0; q < k; q++) {
                for (int code : grid[q]) {
                    counts[q][requireCode(code, q, codebookSize)]++;
                    totals[q]++;
                }
            }
        }
        for (int q = 0; q < k; q++) {
            for (int c = 0; c < codebookSize; c++) {
                counts[q][c] = (counts[q][c] + 0.5) / (totals[q] + codebookSize / 2.0);
            }
        }
        return new UnigramBaseline(counts);
    }

    /** K. */
    public int codebooks() {
        return probabilities.length;
    }

    /** Mean −log2 p_k(code) over every code of codebook k in {@code grids}: [K] bits per code (NaN without codes). */
    public double[] bitsByCodebook(List<int[][]> grids) {
        double[] bits = new double[codebooks()];
        long[] counts = new long[codebooks()];
        for (int[][] grid : grids) {
            requireCodebooks(grid, codebooks());
            for (int q = 0; q < grid.length; q++) {
                for (int code : grid[q]) {
                    bits[q] -= Math.log(probabilities[q][requireCode(code, q, probabilities[q].length)]) / LOG2;
                    counts[q]++;
                }
            }
        }
        for (int q = 0; q < bits.length; q++) {
            bits[q] = counts[q] == 0 ? Double.NaN : bits[q] / counts[q];
        }
        return bits;
    }

    /** The mean of {@link #bitsByCodebook} over codebooks: bits per code when every codebook has as many codes. */
    public double bitsPerCode(List<int[][]> grids) {
        double sum = 0;
        for (double b : bitsByCodebook(grids)) {
            sum += b;
        }
        return sum / codebooks();
    }

    private static void requireCodebooks(int[][] grid, int k) {
        if (grid.length != k) {
            throw new IllegalArgumentException("a grid has K=" + grid.length + " codebooks, expected " + k);
        }
    }

    private static int requireCode(int code, int codebook, int n) {
        if (code < 0 || code >= n) {
            throw new IllegalArgumentException(
                    "code " + code + " in codebook " + codebook + " is outside [0, " + n + ")");
        }
        return code;
    }
}
