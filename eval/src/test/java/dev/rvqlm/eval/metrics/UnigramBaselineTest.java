package dev.rvqlm.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnigramBaselineTest {

    /** [2][T]: codebook 0 draws from (1/2, 1/4, 1/8, 1/8) over 4 of N=8 codes; codebook 1 is uniform over all 8. */
    private static int[][] draw(int t, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] grid = new int[2][t];
        for (int i = 0; i < t; i++) {
            double u = r.nextDouble();
            grid[0][i] = u < 0.5 ? 0 : u < 0.75 ? 1 : u < 0.875 ? 2 : 3;
            grid[1][i] = r.nextInt(8);
        }
        return grid;
    }

    @Test
    void onHeldOutDrawsOfAKnownDistributionTheBaselineIsItsEntropy() {
        UnigramBaseline unigram = UnigramBaseline.fit(List.of(draw(200_000, 1), draw(100_000, 2)), 8);
        double[] bits = unigram.bitsByCodebook(List.<int[][]>of(draw(200_000, 3)));
        assertEquals(1.75, bits[0], 0.01, "H(1/2, 1/4, 1/8, 1/8) = 1.75 bits");
        assertEquals(3.0, bits[1], 0.01, "uniform over 8 codes");
        assertEquals((bits[0] + bits[1]) / 2, unigram.bitsPerCode(List.<int[][]>of(draw(200_000, 3))), 1e-12);
    }

    @Test
    void countsAreSmoothedByAHalfSoAnUnseenCodeCostsFiniteBits() {
        // codebook 0 trained on code 0 twice: p(0) = 2.5 / (2 + 4/2) = 0.625, p(unseen) = 0.5 / 4 = 0.125
        UnigramBaseline unigram = UnigramBaseline.fit(List.<int[][]>of(new int[][] {{0, 0}}), 4);
        double[] bits = unigram.bitsByCodebook(List.<int[][]>of(new int[][] {{0, 3}}));
        assertEquals((-Math.log(0.625) - Math.log(0.125)) / Math.log(2) / 2, bits[0], 1e-12);
    }

    @Test
    void gainsAreTheBaselineMinusTheModelAndWorseCodebooksAreMarked() {
        UnigramGains gains = new UnigramGains(List.of(8.0, 9.9, 9.95), List.of(6.5, 10.1, 9.9));
        assertEquals(1.5, gains.gains().get(0), 1e-12);
        assertEquals(-0.2, gains.gains().get(1), 1e-12);
        assertEquals(List.of(1), gains.worseThanUnigram());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UnigramBaseline.fit(List.of(), 4));
        assertThrows(
                IllegalArgumentException.class,
                () -> UnigramBaseline.fit(List.<int[][]>of(new int[][] {{0, 4}}), 4),
                "code 4 is outside [0, 4)");
        assertThrows(IllegalArgumentException.class, () -> new UnigramGains(List.of(1.0), List.of(1.0, 2.0)));
    }
}
