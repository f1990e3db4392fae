package dev.rvqlm.eval.frontier;

import dev.rvqlm.eval.results.Interval;
import dev.rvqlm.eval.stats.Bootstrap;
import java.util.ArrayList;
import java.util.List;

/**
 * The gap between two patterns' frontiers, {@code a − b} in bits/s, paired by seed (the seeds both have), at each
 * compute level: negative where {@code a} leads. A level where either envelope is still +∞ (no validation yet) has no
 * gap (NaN).
 *
 * @param a     the first pattern's frontier
 * @param b     the second's, at the same compute levels
 * @param bySeed [seed][level] a − b for each shared seed
 */
public record PairedGap(Frontier a, Frontier b, double[][] bySeed) {

    /** Pairs the seeds both frontiers have. */
    public static PairedGap of(Frontier a, Frontier b) {
        if (!a.flops().equals(b.flops())) {
            throw new IllegalArgumentException(
                    "frontiers " + a.pattern() + " and " + b.pattern() + " are on different compute levels");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < a.seeds().size(); i++) {
            int j = b.seeds().indexOf(a.seeds().get(i));
            if (j < 0) {
                continue;
            }
            double[] row = new double[a.levels()];
            for (int l = 0; l < row.length; l++) {
                double x = a.bySeed()[i][l];
                double y = b.bySeed()[j][l];
                row[l] = Double.isInfinite(x) || Double.isInfinite(y) ? Double.NaN : x - y;
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(a.pattern() + " and " + b.pattern() + " share no seed");
        }
        return new PairedGap(a, b, rows.toArray(new double[0][]));
    }

    /** The mean gap over seeds at level {@code l} with its 95% interval (NaN before both have a validation). */
    public Interval at(int l) {
        double[] values = new double[bySeed.length];
        for (int s = 0; s < bySeed.length; s++) {
            values[s] = bySeed[s][l];
        }
        return Bootstrap.overSeeds(values);
    }

    /**
     * −1 where a leads with the interval below 0, +1 where b leads so, 0 where unresolved or undefined (and always
     * with one seed: a single run has no interval).
     */
    public int resolvedSign(int l) {
        Interval gap = at(l);
        if (bySeed.length < 2 || !Double.isFinite(gap.mean())) {
            return 0;
        }
        return gap.high() < 0 ? -1 : gap.low() > 0 ? 1 : 0;
    }
}
