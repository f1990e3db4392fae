package dev.rvqlm.eval.results;

/**
 * Where two patterns' frontiers cross: below {@code flops} one leads, above it the other.
 *
 * @param below the pattern with the lower mean bits/s just below the crossing
 * @param above the pattern with the lower mean bits/s just above it
 * @param kind  measured (resolved or not) or extrapolated beyond the budget
 * @param flops the crossing's training FLOPs: for a measured one interpolated in log FLOPs between two compute
 *              levels (a point); for an extrapolated one, the crossing of the mean frontiers' fits with the range
 *              of the per-seed fits' crossings (high = +∞ when some seed's fits never cross)
 */
public record Crossing(String below, String above, Kind kind, Interval flops) {

    /** How much a crossing can be trusted. */
    public enum Kind {
        /** Within the measured compute, with each side's lead resolved (the paired interval excludes 0) somewhere. */
        RESOLVED,
        /** Within the measured compute, but at least one side's lead is within the seeds' noise. */
        UNRESOLVED,
        /** Beyond the largest compute measured: where power-law fits of the two frontiers' tails meet. */
        EXTRAPOLATED
    }
}
