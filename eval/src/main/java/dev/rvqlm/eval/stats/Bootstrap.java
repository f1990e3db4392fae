package dev.rvqlm.eval.stats;

import dev.rvqlm.eval.results.FileScores;
import dev.rvqlm.eval.results.Interval;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap over seeds and held-out files. Each replicate draws S seeds with replacement and, for each
 * drawn seed, that seed's held-out files with replacement; the statistic is the mean over the drawn seeds of the
 * statistic on the drawn files. A paired comparison of patterns A and B draws the same seeds and files for both, so
 * what the windows have in common (some files are simply harder) cancels in the difference.
 *
 * <pre>{@code
 * Interval d = Bootstrap.difference(flattenBySeed, parallelBySeed, 2000, 0);
 * if (d.excludesZero()) ... // flatten and parallel differ at the 95% level
 * }</pre>
 */
public final class Bootstrap {

    /** Replicates of the report's intervals. */
    public static final int REPLICATES = 2000;

    private Bootstrap() {}

    /** Bits per code of one pattern: its scores per seed [S]. */
    public static Interval bitsPerCode(List<FileScores> bySeed, int replicates, long seed) {
        return of(bySeed, List.of(), (s, files) -> s.get(0).bitsPerCode(files), replicates, seed);
    }

    /** Bits per code of codebook {@code k} of one pattern. */
    public static Interval bitsPerCode(List<FileScores> bySeed, int k, int replicates, long seed) {
        return of(bySeed, List.of(), (s, files) -> s.get(0).bitsPerCode(files, k), replicates, seed);
    }

    /** Bits per code of A minus B, paired on seeds and files (the same files per seed for A and B). */
    public static Interval difference(List<FileScores> a, List<FileScores> b, int replicates, long seed) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(
                    "paired comparison needs the same seeds: " + a.size() + " vs " + b.size());
        }
        for (int s = 0; s < a.size(); s++) {
            if (!a.get(s).files().equals(b.get(s).files())) {
                throw new IllegalArgumentException(
                        "paired comparison needs the same held-out files for seed index " + s);
            }
        }
        return of(a, b, (s, files) -> s.get(0).bitsPerCode(files) - s.get(1).bitsPerCode(files), replicates, seed);
    }

    /** The statistic of one seed's pair (A, B or only A) on a multiset of file indices. */
    interface Statistic {
        double apply(List<FileScores> pair, int[] files);
    }

    private static Interval of(List<FileScores> a, List<FileScores> b, Statistic statistic, int replicates, long seed) {
        int seeds = a.size();
        if (seeds == 0) {
            throw new IllegalArgumentException("no runs to summarise");
        }
        ToDoubleFunction<Integer> fullData =
                s -> statistic.apply(pair(a, b, s), a.get(s).all());
        double mean = 0;
        for (int s = 0; s < seeds; s++) {
            mean += fullData.applyAsDouble(s) / seeds;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            double sum = 0;
            for (int i = 0; i < seeds; i++) {
                int s = seeds == 1 ? 0 : random.nextInt(seeds);
                int files = a.get(s).fileCount();
                int[] drawn = new int[files];
                for (int j = 0; j < files; j++) {
                    drawn[j] = random.nextInt(files);
                }
                sum += statistic.apply(pair(a, b, s), drawn);
            }
            values[r] = sum / seeds;
        }
        Arrays.sort(values);
        return new Interval(mean, percentile(values, 0.025), percentile(values, 0.975));
    }

    private static List<FileScores> pair(List<FileScores> a, List<FileScores> b, int s) {
        return b.isEmpty() ? List.of(a.get(s)) : List.of(a.get(s), b.get(s));
    }

    /** Linear interpolation between order statistics. */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /**
     * Mean over seeds with a Student-t 95% interval, for figures measured once per run (seconds, sample
     * statistics); a single value gives a point.
     */
    public static Interval overSeeds(double[] values) {
        int n = values.length;
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        if (n < 2 || !Double.isFinite(mean)) {
            return Interval.point(mean);
        }
        double variance = 0;
        for (double v : values) {
            variance += (v - mean) * (v - mean) / (n - 1);
        }
        double half = T_975[Math.min(n - 1, T_975.length) - 1] * Math.sqrt(variance / n);
        return new Interval(mean, mean - half, mean + half);
    }

    /** Student-t 97.5% quantiles for 1..10 degrees of freedom; beyond, the 10-df value (conservative). */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};
}
