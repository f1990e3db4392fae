package dev.rvqlm.eval.run;

import java.io.IOException;
import java.util.List;

/**
 * Trains an eval's unfinished runs on a cluster (the spark module's executors) instead of this machine. As with
 * child processes ({@link ChildRuns}), the run cache is the only hand-over: each run is trained with this eval's own
 * plan ({@link EvalRunner#trainOnly}) and stores its result in its run directory, from which the eval reads it and
 * writes the report as after a serial eval. So finished runs are reused whichever way they were trained.
 */
@FunctionalInterface
public interface RunCluster {

    /**
     * Trains every job (costliest first) and returns once each has stored its result. Fails with one line naming a
     * run that failed on every attempt and its log ({@link ChildRuns#LOG} in its run directory); the runs that
     * finished keep their results in the cache.
     */
    void trainAll(List<ChildRuns.Job> jobs) throws IOException;
}
