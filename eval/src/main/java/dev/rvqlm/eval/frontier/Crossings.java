package dev.rvqlm.eval.frontier;

import dev.rvqlm.eval.results.Crossing;
import dev.rvqlm.eval.results.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds where two patterns' frontiers cross. Within the measured compute: wherever the mean paired gap changes sign
 * between two compute levels, interpolated in log FLOPs, and resolved when each side's lead is resolved at some level
 * on its side. Beyond it, when the gap keeps its sign up to the budget: where power laws fitted to the last
 * {@link #TAIL_DECADES} decades of both mean frontiers meet, if they do, as an extrapolation with the range of the
 * per-seed fits' crossings.
 */
public final class Crossings {

    /** Decades of compute at the end of each frontier that the extrapolating power laws are fitted to. */
    public static final double TAIL_DECADES = 1.0;

    private Crossings() {}

    /** Every crossing of {@code a} and {@code b}, in order of compute. */
    public static List<Crossing> between(Frontier a, Frontier b) {
        PairedGap gap = PairedGap.of(a, b);
        List<Crossing> found = new ArrayList<>();
        List<Double> flops = a.flops();
        int previous = -1;
        for (int l = 0; l < a.levels(); l++) {
            double m = gap.at(l).mean();
            if (!Double.isFinite(m) || m == 0) {
                continue;
            }
            if (previous >= 0 && Math.signum(m) != Math.signum(gap.at(previous).mean())) {
                found.add(measured(gap, previous, l));
            }
            previous = l;
        }
        if (found.isEmpty() && previous >= 0) {
            extrapolated(a, b, gap.at(previous).mean()).ifPresent(found::add);
        }
        return found;
    }

    private static Crossing measured(PairedGap gap, int l0, int l1) {
        double m0 = gap.at(l0).mean();
        double m1 = gap.at(l1).mean();
        List<Double> flops = gap.a().flops();
        double x0 = Math.log(flops.get(l0));
        double x1 = Math.log(flops.get(l1));
        double at = Math.exp(x0 + (x1 - x0) * m0 / (m0 - m1));
        boolean before = false;
        boolean after = false;
        for (int l = 0; l < flops.size(); l++) {
            int sign = gap.resolvedSign(l);
            before |= l <= l0 && sign == (int) Math.signum(m0);
            after |= l >= l1 && sign == (int) Math.signum(m1);
        }
        String leaderBelow = m0 < 0 ? gap.a().pattern() : gap.b().pattern();
        String leaderAbove = m0 < 0 ? gap.b().pattern() : gap.a().pattern();
        return new Crossing(
                leaderBelow,
                leaderAbove,
                before && after ? Crossing.Kind.RESOLVED : Crossing.Kind.UNRESOLVED,
                Interval.point(at));
    }

    /** Where the tails' power laws meet beyond the budget, if they do. */
    private static Optional<Crossing> extrapolated(Frontier a, Frontier b, double lastGap) {
        List<Double> flops = a.flops();
        double budget = flops.get(flops.size() - 1);
        double mean = meeting(flops, means(a), means(b));
        if (!(mean > budget)) {
            return Optional.empty();
        }
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (int i = 0; i < a.seeds().size(); i++) {
            int j = b.seeds().indexOf(a.seeds().get(i));
            if (j < 0) {
                continue;
            }
            double seedMeets = meeting(flops, a.bySeed()[i], b.bySeed()[j]);
            double at = seedMeets > budget ? seedMeets : Double.POSITIVE_INFINITY;
            low = Math.min(low, at);
            high = Math.max(high, at);
        }
        String leaderNow = lastGap < 0 ? a.pattern() : b.pattern();
        String leaderThen = lastGap < 0 ? b.pattern() : a.pattern();
        return Optional.of(new Crossing(
                leaderNow, leaderThen, Crossing.Kind.EXTRAPOLATED, new Interval(mean, Math.min(low, mean), high)));
    }

    private static double meeting(List<Double> flops, double[] x, double[] y) {
        try {
            return PowerLaw.fitTail(flops, x, TAIL_DECADES).meets(PowerLaw.fitTail(flops, y, TAIL_DECADES));
        } catch (IllegalArgumentException tooFewLevels) {
            return Double.NaN;
        }
    }

    private static double[] means(Frontier f) {
        double[] m = new double[f.levels()];
        for (int l = 0; l < m.length; l++) {
            m[l] = f.at(l).mean();
        }
        return m;
    }
}
