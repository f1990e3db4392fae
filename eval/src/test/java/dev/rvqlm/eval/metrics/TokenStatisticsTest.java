package dev.rvqlm.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TokenStatisticsTest {

    @Test
    void usingAllCodesEquallyGivesLog2N() {
        int n = 16;
        int[][] grid = new int[2][64];
        for (int t = 0; t < 64; t++) {
            grid[0][t] = t % n;
            grid[1][t] = 7;
        }
        double[] bits = TokenStatistics.usageEntropyBits(new int[][][] {grid}, n);
        assertArrayEquals(new double[] {4.0, 0.0}, bits, 1e-12);
    }

    @Test
    void twoCodesInProportionOneToThreeGiveTheBinaryEntropy() {
        int[][] grid = {{0, 1, 1, 1}};
        double expected = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(2);
        assertEquals(expected, TokenStatistics.usageEntropyBits(new int[][][] {grid}, 2)[0], 1e-12);
    }

    @Test
    void repeatedFrameRateCountsTransitionsWhereAllCodebooksRepeat() {
        // transitions: 0→1 repeat, 1→2 k=1 changes, 2→3 repeat, 3→4 k=0 changes → 2 of 4
        int[][] grid = {{5, 5, 5, 5, 6}, {1, 1, 2, 2, 2}};
        assertEquals(0.5, TokenStatistics.repeatedFrameRate(new int[][][] {grid}), 1e-12);
        assertEquals(1.0, TokenStatistics.repeatedFrameRate(new int[][][] {{{3, 3, 3}}}), 1e-12);
        assertEquals(0.0, TokenStatistics.repeatedFrameRate(new int[][][] {{{1, 2, 1}}}), 1e-12);
    }

    @Test
    void badGridsAreRejectedWithTheReason() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> TokenStatistics.usageEntropyBits(new int[][][] {{{0, 4}}}, 4));
        assertEquals("code 4 in codebook 0 is outside [0, 4)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TokenStatistics.repeatedFrameRate(new int[][][] {{{1}}}));
        assertThrows(
                IllegalArgumentException.class,
                () -> TokenStatistics.repeatedFrameRate(new int[][][] {{{1, 2}}, {{1, 2}, {3, 4}}}));
    }
}
