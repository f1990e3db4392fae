package dev.rvqlm.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stream statistics on code streams whose entropies are known exactly. */
class StreamStatisticsTest {

    @Test
    void knownEntropiesAndDependences() {
        // stream 0 cycles 0,1,2,3 (H = 2 bits, fully determined by its previous frame);
        // stream 1 copies stream 0 (H(1 | 0) = 0, dependence 2 bits);
        // stream 2 is 0,0,1,1 repeated, independent of stream 1 within a frame over the cycle of 4 (H = 1 bit,
        // H(2 | 1) = 0 since stream 1 determines the frame's phase), and its previous frame leaves 1 bit open.
        int t = 400;
        int[][] codes = new int[3][t];
        for (int i = 0; i < t; i++) {
            codes[0][i] = i % 4;
            codes[1][i] = i % 4;
            codes[2][i] = (i / 2) % 2;
        }
        List<StreamStatistics.Stream> s = StreamStatistics.measure(List.<int[][]>of(codes), 8);
        assertEquals(2.0, s.get(0).entropy(), 1e-9);
        assertEquals(4.0, s.get(0).perplexity(), 1e-9);
        assertEquals(0.5, s.get(0).usage(), 1e-12);
        assertEquals(2.0, s.get(0).givenPrevious(), 1e-9, "stream 0 has no stream before it");
        assertEquals(0.0, s.get(0).givenPreviousFrame(), 1e-9);
        assertEquals(0.0, s.get(1).givenPrevious(), 1e-9);
        // shuffling stream 0 leaves 400 frames for 16 pairs: the baseline sits within a few hundredths of H
        assertEquals(2.0, s.get(1).dependenceOnPrevious(), 0.05);
        assertEquals(2.0, s.get(0).dependenceOnPreviousFrame(), 0.05);
        assertEquals(1.0, s.get(2).entropy(), 1e-9);
        assertEquals(0.0, s.get(2).givenPrevious(), 1e-9);
        // given the previous frame's value, the next one is the same or flips with probability 1/2 each
        assertEquals(1.0, s.get(2).givenPreviousFrame(), 0.01);
    }

    @Test
    void independentUniformStreamsHaveNoDependence() {
        SplittableRandom r = new SplittableRandom(1);
        int[][] codes = new int[2][20000];
        for (int i = 0; i < codes[0].length; i++) {
            codes[0][i] = r.nextInt(4);
            codes[1][i] = r.nextInt(4);
        }
        List<StreamStatistics.Stream> s = StreamStatistics.measure(List.<int[][]>of(codes), 4);
        assertEquals(2.0, s.get(1).entropy(), 0.01);
        assertEquals(0.0, s.get(1).dependenceOnPrevious(), 0.01);
        assertEquals(2.0, s.get(1).givenPreviousFrame(), 0.01);
    }

    @Test
    void fewFramesForManyPairsShowNoDependenceOnceShuffledCodesAreSubtracted() {
        // two independent uniform streams over N = 1024 with 5000 frames: a million code pairs, so the plug-in
        // H(1 | 0) comes out far below H(1) although the streams are independent; the shuffled baseline is as low
        SplittableRandom r = new SplittableRandom(2);
        int[][] codes = new int[2][5000];
        for (int i = 0; i < codes[0].length; i++) {
            codes[0][i] = r.nextInt(1024);
            codes[1][i] = r.nextInt(1024);
        }
        StreamStatistics.Stream s =
                StreamStatistics.measure(List.<int[][]>of(codes), 1024).get(1);
        assertTrue(s.entropy() - s.givenPrevious() > 5, "plug-in bias: " + s);
        assertEquals(0.0, s.dependenceOnPrevious(), 0.1, s.toString());
        assertEquals(0.0, s.dependenceOnPreviousFrame(), 0.1, s.toString());
    }

    @Test
    void tableNamesTheShuffledBaseline() {
        int[][] codes = {{0, 1, 2, 3, 0, 1, 2, 3}, {0, 1, 2, 3, 0, 1, 2, 3}};
        String table = StreamStatistics.table(StreamStatistics.measure(List.<int[][]>of(codes), 4), 8, 4);
        assertTrue(table.contains("shuffled") && table.contains("I(k;k-1)"), table);
        assertEquals(4, table.lines().count(), table);
    }
}
