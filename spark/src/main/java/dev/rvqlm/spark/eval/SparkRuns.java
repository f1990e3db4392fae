package dev.rvqlm.spark.eval;

import dev.rvqlm.eval.run.ChildRuns;
import dev.rvqlm.eval.run.RunCluster;
import dev.rvqlm.spark.SparkCluster;
import dev.rvqlm.spark.TaskProgressJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * An eval's unfinished runs as one Spark job, one task per run, costliest first (Spark starts partitions in order,
 * so the longest runs do not end up last). A task killed with its executor is retried by Spark on another one; a run
 * that fails on every attempt fails the job with one line naming it and its {@code run.log}.
 */
final class SparkRuns implements RunCluster {

    private final SparkCluster cluster;
    private final EvalJob job;
    private final Consumer<String> log;

    SparkRuns(SparkCluster cluster, EvalJob job, Consumer<String> log) {
        this.cluster = cluster;
        this.job = job;
        this.log = log;
    }

    @Override
    public void trainAll(List<ChildRuns.Job> jobs) throws IOException {
        List<RunRequest> requests = jobs.stream()
                .map(j -> new RunRequest(j.name(), j.runDir().toString()))
                .toList();
        log.accept(String.format(
                Locale.ROOT,
                "training %d run%s on Spark (%s)",
                jobs.size(),
                jobs.size() == 1 ? "" : "s",
                cluster.describe()));
        List<RunDone> done = new TaskProgressJob(
                        "rvq eval: " + jobs.size() + " runs",
                        jobs.stream().map(ChildRuns.Job::name).toList(),
                        jobs.stream().mapToDouble(ChildRuns.Job::cost).toArray(),
                        i -> jobs.get(i).runDir().resolve(ChildRuns.LOG).toString())
                .run(
                        cluster,
                        log,
                        () -> cluster.context()
                                .parallelize(requests, requests.size())
                                .map(new RunTask(job, cluster.storage()))
                                .collect());
        List<RunDone> failed = new ArrayList<>();
        for (RunDone d : done) {
            if (d.failure() != null) {
                failed.add(d);
                continue;
            }
            log.accept(String.format(
                    Locale.ROOT,
                    "%s: trained on executor %s%s in %.1f s",
                    d.name(),
                    d.executor(),
                    d.attempt() == 0 ? "" : " (attempt " + (d.attempt() + 1) + ")",
                    d.seconds()));
        }
        if (!failed.isEmpty()) { // the others are stored: a rerun retries only these
            RunDone first = failed.get(0);
            Path runLog = jobs.stream()
                    .filter(j -> j.name().equals(first.name()))
                    .findFirst()
                    .orElseThrow()
                    .runDir()
                    .resolve(ChildRuns.LOG);
            throw new IOException(first.name() + " failed on every attempt (" + (first.attempt() + 1) + "): "
                    + first.failure() + "; its log: " + runLog
                    + (failed.size() == 1 ? "" : " (and " + (failed.size() - 1) + " more runs failed)"));
        }
    }
}
