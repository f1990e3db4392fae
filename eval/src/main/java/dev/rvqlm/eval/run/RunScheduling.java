package dev.rvqlm.eval.run;

/**
 * How the unfinished runs of an eval are trained: one after another in this process, up to {@code jobs} at once,
 * each in a child process of its own (DJL's PyTorch engine allows one gradient collector per process), or on a
 * cluster. Results do not depend on it: a child or an executor trains with the settings of a serial run and stores
 * its result where a serial run would.
 *
 * @param jobs     runs trained at once in child processes, at least 1
 * @param children how to start a child for one run; required when {@code jobs > 1}, unused otherwise
 * @param cluster  where the runs go instead (null: this machine)
 */
public record RunScheduling(int jobs, ChildCommand children, RunCluster cluster) {

    /** On this machine: serially, or in child processes when {@code jobs > 1}. */
    public RunScheduling(int jobs, ChildCommand children) {
        this(jobs, children, null);
    }

    /** Every unfinished run on {@code cluster}. */
    public static RunScheduling on(RunCluster cluster) {
        if (cluster == null) {
            throw new IllegalArgumentException("a cluster is needed");
        }
        return new RunScheduling(1, null, cluster);
    }

    public RunScheduling {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        if (jobs > 1 && children == null) {
            throw new IllegalArgumentException("jobs " + jobs + " needs a way to start child processes");
        }
    }

    /** Every run in this process, one after another. */
    public static RunScheduling serial() {
        return new RunScheduling(1, null);
    }

    /** Whether {@code pending} unfinished runs go to child processes: only when more than one can run at once. */
    boolean usesChildren(int pending) {
        return jobs > 1 && pending > 1;
    }
}
