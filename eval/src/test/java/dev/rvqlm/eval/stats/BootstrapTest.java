package dev.rvqlm.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.results.Comparison;
import dev.rvqlm.eval.results.FileScores;
import dev.rvqlm.eval.results.Interval;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    static final ModelEntry DELAY = ModelEntry.parse("delay");
    static final ModelEntry FLATTEN = ModelEntry.parse("flatten");

    private static final double LN2 = Math.log(2);

    /** F files of 100 codes per codebook (K=2) with the given bits per code per file. */
    static FileScores scores(double[] bitsPerFile) {
        List<String> names = new ArrayList<>();
        double[][] nats = new double[bitsPerFile.length][2];
        long[][] counts = new long[bitsPerFile.length][2];
        for (int f = 0; f < bitsPerFile.length; f++) {
            names.add("f" + f);
            for (int k = 0; k < 2; k++) {
                nats[f][k] = bitsPerFile[f] * 100 * LN2;
                counts[f][k] = 100;
            }
        }
        return new FileScores(names, nats, counts);
    }

    @Test
    void aConstantDifferenceHasAPointInterval() {
        SplittableRandom random = new SplittableRandom(1);
        List<FileScores> a = new ArrayList<>();
        List<FileScores> b = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            double[] base = new double[12];
            double[] shifted = new double[12];
            for (int f = 0; f < base.length; f++) {
                base[f] = 3 + 2 * random.nextDouble(); // files differ a lot in difficulty...
                shifted[f] = base[f] - 0.25; // ...but A is always exactly 0.25 bits/code better
            }
            a.add(scores(shifted));
            b.add(scores(base));
        }
        Interval d = Bootstrap.difference(a, b, 500, 7);
        assertEquals(-0.25, d.mean(), 1e-12);
        assertEquals(-0.25, d.low(), 1e-12);
        assertEquals(-0.25, d.high(), 1e-12);
        assertTrue(d.excludesZero());
        // The unpaired intervals of A and B overlap widely: only the pairing resolves the difference.
        Interval ia = Bootstrap.bitsPerCode(a, 500, 7);
        Interval ib = Bootstrap.bitsPerCode(b, 500, 7);
        assertTrue(ia.high() > ib.low(), ia + " " + ib);
    }

    @Test
    void noiseAroundZeroIsNotDistinguishable() {
        SplittableRandom random = new SplittableRandom(2);
        double[] x = new double[20];
        double[] y = new double[20];
        for (int f = 0; f < x.length; f++) {
            x[f] = 4 + random.nextGaussian() * 0.3;
            y[f] = 4 + random.nextGaussian() * 0.3;
        }
        Interval d = Bootstrap.difference(List.of(scores(x)), List.of(scores(y)), 2000, 3);
        assertFalse(d.excludesZero(), d.toString());
        assertTrue(d.low() < d.mean() && d.mean() < d.high());
    }

    @Test
    void meanIsTheMeanOverSeedsOfEachSeedsRatioEstimate() {
        FileScores s0 = scores(new double[] {1, 3});
        FileScores s1 = scores(new double[] {5, 5});
        assertEquals(
                (2 + 5) / 2.0, Bootstrap.bitsPerCode(List.of(s0, s1), 100, 1).mean(), 1e-12);
        assertEquals(2.0, Bootstrap.bitsPerCode(List.of(s0), 1, 100, 1).mean(), 1e-12, "per codebook");
    }

    @Test
    void overSeedsUsesStudentT() {
        Interval i = Bootstrap.overSeeds(new double[] {1, 2, 3});
        assertEquals(2.0, i.mean(), 1e-12);
        assertEquals(4.303 * 1 / Math.sqrt(3), i.high() - 2, 1e-9);
        assertEquals(Interval.point(5), Bootstrap.overSeeds(new double[] {5}));
    }

    @Test
    void comparisonsStateAnOrderingOnlyWhenTheIntervalExcludesZero() {
        assertEquals(
                "delay < flatten",
                new Comparison(DELAY, FLATTEN, ModelShape.small(), new Interval(-2, -3, -1)).ordering());
        assertEquals(
                "flatten < delay",
                new Comparison(DELAY, FLATTEN, ModelShape.small(), new Interval(2, 1, 3)).ordering());
        assertEquals("", new Comparison(DELAY, FLATTEN, ModelShape.small(), new Interval(-1, -3, 1)).ordering());
        assertEquals(
                "delay < flatten",
                new Comparison(DELAY, FLATTEN, ModelShape.small(), new Interval(-2, -3, -1))
                        .reversed()
                        .ordering());
    }
}
