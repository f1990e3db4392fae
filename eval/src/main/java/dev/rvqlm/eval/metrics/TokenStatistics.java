package dev.rvqlm.eval.metrics;

/**
 * Statistics of a code grid [K][T] (K codebooks, T frames) that need no decoder: how evenly each codebook's codes are
 * used, and how often a whole frame repeats the previous one (a sampler stuck in a loop repeats frames).
 */
public final class TokenStatistics {

    private TokenStatistics() {}

    /**
     * Entropy in bits of the empirical code distribution of each codebook, over all given grids: log2 N when all N
     * codes are used equally, 0 when one code is used throughout.
     *
     * @param grids        code grids [G][K][T]
     * @param codebookSize N; every code must lie in [0, N)
     * @return [K] bits
     */
    public static double[] usageEntropyBits(int[][][] grids, int codebookSize) {
        if (codebookSize < 1) {
            throw new IllegalArgumentException("codebook size N must be at least 1, got " + codebookSize);
        }
        int k = codebooks(grids);
        long[][] counts = new long[k][codebookSize];
        long[] totals = new long[k];
        for (int[][] grid : grids) {
            for (int c = 0; c < k; c++) {
                for (int code : grid[c]) {
                    if (code < 0 || code >= codebookSize) {
                        throw new IllegalArgumentException(
                                "code " + code + " in codebook " + c + " is outside [0, " + codebookSize + ")");
                    }
                    counts[c][code]++;
                    totals[c]++;
                }
            }
        }
        double[] bits = new double[k];
        for (int c = 0; c < k; c++) {
            if (totals[c] == 0) {
                throw new IllegalArgumentException("no codes to measure in codebook " + c);
            }
            double h = 0;
            for (long count : counts[c]) {
                if (count > 0) {
                    double p = count / (double) totals[c];
                    h -= p * Math.log(p);
                }
            }
            bits[c] = h / Math.log(2);
        }
        return bits;
    }

    /**
     * Fraction of frame transitions t-1 → t (t ≥ 1) whose K codes are all equal, over all given grids: 0 for a grid
     * that never repeats a frame, 1 for a constant grid.
     *
     * @param grids code grids [G][K][T], each with T ≥ 2
     */
    public static double repeatedFrameRate(int[][][] grids) {
        int k = codebooks(grids);
        long repeats = 0;
        long transitions = 0;
        for (int[][] grid : grids) {
            int t = grid[0].length;
            for (int step = 1; step < t; step++) {
                boolean same = true;
                for (int c = 0; c < k && same; c++) {
                    same = grid[c][step] == grid[c][step - 1];
                }
                repeats += same ? 1 : 0;
                transitions++;
            }
        }
        if (transitions == 0) {
            throw new IllegalArgumentException("repeated-frame rate needs grids of at least 2 frames");
        }
        return repeats / (double) transitions;
    }

    private static int codebooks(int[][][] grids) {
        if (grids.length == 0) {
            throw new IllegalArgumentException("no code grids given");
        }
        int k = grids[0].length;
        if (k == 0) {
            throw new IllegalArgumentException("code grids need at least one codebook");
        }
        for (int[][] grid : grids) {
            if (grid.length != k) {
                throw new IllegalArgumentException(
                        "code grids have K=" + grid.length + " and K=" + k + " codebooks; all must match");
            }
            for (int[] row : grid) {
                if (row.length != grid[0].length) {
                    throw new IllegalArgumentException(
                            "a code grid has rows of " + row.length + " and " + grid[0].length + " frames");
                }
            }
        }
        return k;
    }
}
