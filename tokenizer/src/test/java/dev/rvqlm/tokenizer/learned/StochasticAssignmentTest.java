package dev.rvqlm.tokenizer.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stochastic code assignment: p ∝ exp(−(d² − d²_min) / (τ·d²_min)) among the 8 nearest codes. */
class StochasticAssignmentTest {

    @Test
    void aTinyTemperaturePicksTheNearestCode() {
        float[] distances = {4, 1, 9, 1.5f, /* row 2 */ 3, 2, 7, 2.5f};
        int[] codes = LatentQuantizer.sample(distances, 2, 1e-6, new SplittableRandom(3));
        assertArrayEquals(new int[] {1, 1}, codes);
    }

    @Test
    void drawsFollowTheBoltzmannWeights() {
        // d² = 1 and 2, τ = 1: weights 1 and e^-1, so the second code is drawn with p = 1 / (1 + e) ≈ 0.269;
        // the third (d² = 1001) has weight e^-1000 and never comes up
        int rows = 20000;
        float[] distances = new float[rows * 3];
        for (int r = 0; r < rows; r++) {
            distances[3 * r] = 1;
            distances[3 * r + 1] = 2;
            distances[3 * r + 2] = 1001;
        }
        int[] codes = LatentQuantizer.sample(distances, rows, 1.0, new SplittableRandom(5));
        int[] counts = new int[3];
        for (int c : codes) {
            counts[c]++;
        }
        assertEquals(0, counts[2]);
        assertEquals(1 / (1 + Math.E), counts[1] / (double) rows, 0.01);
    }

    @Test
    void onlyTheEightNearestAreCandidates() {
        // ten codes at d² = 1..10, τ huge (almost uniform among candidates): codes 8 and 9 are never drawn
        int rows = 5000;
        float[] distances = new float[rows * 10];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 10; c++) {
                distances[10 * r + c] = c + 1;
            }
        }
        int[] codes = LatentQuantizer.sample(distances, rows, 1e6, new SplittableRandom(9));
        int[] counts = new int[10];
        for (int c : codes) {
            counts[c]++;
        }
        assertEquals(0, counts[8] + counts[9]);
        for (int c = 0; c < 8; c++) {
            assertEquals(1 / 8.0, counts[c] / (double) rows, 0.02, "code " + c);
        }
    }
}
