package dev.rvqlm.tokenizer.rvq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** EMA updates, Laplace smoothing, dead-code reset and k-means++ seeding with answers worked out by hand. */
class EmaCodebookTest {

    @Test
    void emaUpdateWithoutSmoothing() {
        EmaCodebook book = new EmaCodebook(new float[] {0, 10}, 2, 1, false, new int[0], 0);
        book.update(new float[] {1, 3, 11}, new int[] {0, 0, 1}, 3, 0.5, 0);
        // counts = 0.5·[2, 1] = [1, 0.5]; sums = 0.5·[4, 11] = [2, 5.5]; codewords = sums / counts
        assertEquals(1.0, book.count(0), 1e-12);
        assertEquals(0.5, book.count(1), 1e-12);
        assertArrayEquals(new float[] {2f, 11f}, book.codewords(), 1e-6f);
        book.update(new float[] {4}, new int[] {0}, 1, 0.5, 0);
        // counts = [0.5 + 0.5, 0.25] = [1, 0.25]; sums = [1 + 2, 2.75]; codewords = [3, 11]
        assertArrayEquals(new float[] {3f, 11f}, book.codewords(), 1e-6f);
    }

    @Test
    void laplaceSmoothingShrinksRareCodesCounts() {
        EmaCodebook book = new EmaCodebook(new float[] {0, 0}, 2, 1, false, new int[0], 0);
        book.update(new float[] {2, 2, 2, 6}, new int[] {0, 0, 0, 1}, 4, 0.0, 1.0);
        // counts [3, 1], total 4; smoothed = (c + 1) / (4 + 2) · 4 = [8/3, 4/3]; codewords = [6 / (8/3), 6 / (4/3)]
        assertArrayEquals(new float[] {2.25f, 4.5f}, book.codewords(), 1e-6f);
    }

    @Test
    void reservedZeroCodeNeverMoves() {
        EmaCodebook book = new EmaCodebook(new float[] {5, 5, 7, 7}, 2, 2, true, new int[0], 0);
        assertArrayEquals(new float[] {0, 0, 7, 7}, book.codewords());
        book.update(new float[] {1, 1, 3, 3}, new int[] {0, 1}, 2, 0.5, 0);
        assertArrayEquals(new float[] {0, 0, 3, 3}, book.codewords(), 1e-6f);
        assertEquals(
                1, book.resetDead(new float[] {9, 9}, 1, 100, new SplittableRandom(1)), "only code 1 may be reset");
        assertArrayEquals(new float[] {0, 0, 9, 9}, book.codewords());
    }

    @Test
    void deadCodesAreResetToBatchVectorsAndCountedOnce() {
        EmaCodebook book = new EmaCodebook(new float[] {0, 10, 20}, 3, 1, false, new int[0], 0);
        book.update(new float[] {1, 1, 1, 1}, new int[] {0, 0, 0, 0}, 4, 0.5, 0);
        // counts [2, 0, 0]: codes 1 and 2 are below 0.75 and become batch vectors (all equal to 1)
        int reset = book.resetDead(new float[] {7, 7, 7, 7}, 4, 0.75, new SplittableRandom(2));
        assertEquals(2, reset);
        assertArrayEquals(new float[] {1, 7, 7}, book.codewords(), 1e-6f);
        assertEquals(0.75, book.count(1), 1e-12);
        assertArrayEquals(new double[] {7 * 0.75}, book.sum(1), 1e-9);
        assertEquals(0, book.resetDead(new float[] {7}, 1, 0.75, new SplittableRandom(2)));
    }

    @Test
    void stateRoundTripsBitExactly() {
        EmaCodebook a = new EmaCodebook(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 2, 2, false, new int[] {0, 1, 1}, 0.37);
        a.update(new float[] {1.1f, 2.2f, 3.3f, 4.4f}, new int[] {1, 0}, 2, 0.99, 1e-5);
        EmaCodebook b = new EmaCodebook(new float[4], 2, 2, false, new int[0], 0);
        b.restore(a.codewords(), a.state());
        for (int n = 0; n < 2; n++) {
            assertEquals(a.count(n), b.count(n), 0.0);
            assertArrayEquals(a.sum(n), b.sum(n), 0.0);
        }
        assertEquals(EmaCodebook.stateLength(2, 2), a.state().length);
    }

    @Test
    void kMeansPlusPlusPicksOneCentrePerSeparatedCluster() {
        // three clusters of identical points: a point at distance 0 from a chosen centre has probability 0
        float[][] clusters = {{0, 0}, {10, 0}, {0, 10}};
        float[] points = new float[15 * 2];
        for (int i = 0; i < 15; i++) {
            points[2 * i] = clusters[i % 3][0];
            points[2 * i + 1] = clusters[i % 3][1];
        }
        for (long seed = 0; seed < 5; seed++) {
            float[] centres = KMeansPlusPlus.seed(points, 15, 2, 3, new SplittableRandom(seed));
            Set<List<Float>> found = new HashSet<>();
            for (int c = 0; c < 3; c++) {
                found.add(List.of(centres[2 * c], centres[2 * c + 1]));
            }
            assertEquals(
                    Set.of(List.of(0f, 0f), List.of(10f, 0f), List.of(0f, 10f)),
                    found,
                    "seed " + seed + ": " + Arrays.toString(centres));
        }
    }
}
