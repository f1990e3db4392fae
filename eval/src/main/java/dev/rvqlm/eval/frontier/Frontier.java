package dev.rvqlm.eval.frontier;

import dev.rvqlm.eval.results.Interval;
import dev.rvqlm.eval.stats.Bootstrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pattern's compute frontier: at each compute level, the best validation bits/s any of its model sizes reached
 * within that many training FLOPs (the lower envelope over sizes), per seed, and its mean with a Student-t 95%
 * interval over seeds. A run's validations at C FLOPs come from a schedule planned for its cap, so a run planned to
 * end at C might do a little better: each envelope is an upper bound on the best reachable at C.
 *
 * @param pattern the pattern
 * @param flops   the compute levels, ascending
 * @param seeds   the seeds, ascending
 * @param bySeed  [seed][level] the envelope of that seed's runs (+∞ before its first validation)
 */
public record Frontier(String pattern, List<Double> flops, List<Long> seeds, double[][] bySeed) {

    public Frontier {
        flops = List.copyOf(flops);
        seeds = List.copyOf(seeds);
    }

    /** The frontier of {@code pattern}'s runs (every size and seed) at the given compute levels. */
    public static Frontier of(String pattern, List<RunCurve> runs, List<Double> flops) {
        Map<Long, List<RunCurve>> bySeed = new TreeMap<>();
        for (RunCurve r : runs) {
            if (r.pattern().equals(pattern)) {
                bySeed.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(r);
            }
        }
        if (bySeed.isEmpty()) {
            throw new IllegalArgumentException("no run of pattern " + pattern);
        }
        double[][] envelopes = new double[bySeed.size()][flops.size()];
        int s = 0;
        for (List<RunCurve> seedRuns : bySeed.values()) {
            for (int i = 0; i < flops.size(); i++) {
                double best = Double.POSITIVE_INFINITY;
                for (RunCurve r : seedRuns) {
                    best = Math.min(best, r.bestWithin(flops.get(i)));
                }
                envelopes[s][i] = best;
            }
            s++;
        }
        return new Frontier(pattern, flops, new ArrayList<>(bySeed.keySet()), envelopes);
    }

    /** The envelope's mean over seeds at level {@code i}, with its interval (a point for one seed). */
    public Interval at(int i) {
        return Bootstrap.overSeeds(column(i));
    }

    /** The seeds' envelopes at level {@code i}. */
    double[] column(int i) {
        double[] values = new double[bySeed.length];
        for (int s = 0; s < bySeed.length; s++) {
            values[s] = bySeed[s][i];
        }
        return values;
    }

    /** How many compute levels. */
    public int levels() {
        return flops.size();
    }
}
