package dev.rvqlm.spark;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkException;

/**
 * Runs one Spark job with {@link TaskProgress} lines, and turns Spark's job failure (a task failed on every attempt)
 * into one line naming the item and where to look.
 *
 * @param labels one name per partition, for the progress lines
 * @param costs  one cost per partition for the ETA, or empty for equal items
 * @param where  for a failed partition, where its log is (appended to the failure line), or null
 */
public record TaskProgressJob(String description, List<String> labels, double[] costs, IntFunction<String> where) {

    /** "Task 3 in stage 1.0 failed 4 times, most recent failure: Lost task 3.3 in stage 1.0 (TID 9) (host executor 1): REASON". */
    private static final Pattern GAVE_UP = Pattern.compile(
            "Task (\\d+) in stage \\S+ failed (\\d+) times?, most recent failure: (?:.*?\\(TID \\d+\\) \\([^)]*\\): )?(.*)");

    /**
     * @param job the action (a {@code collect()}) that runs the job
     * @throws IOException when Spark gave up on a task (every attempt failed)
     */
    public <T> T run(SparkCluster cluster, java.util.function.Consumer<String> log, Supplier<T> job)
            throws IOException {
        TaskProgress progress = new TaskProgress(labels, costs, log);
        cluster.context().setJobDescription(description);
        cluster.context().sc().addSparkListener(progress);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rvq-progress");
            t.setDaemon(true);
            return t;
        });
        // between task ends, a line every minute: long runs must not look like a hung driver
        heartbeat.scheduleAtFixedRate(
                () -> log.accept(progress.status() + "; UI " + cluster.uiAddress()), 60, 60, TimeUnit.SECONDS);
        try {
            T result = job.get();
            progress.awaitDone(labels.size(), 3_000); // Spark delivers task events after the job has returned
            return result;
        } catch (Exception e) { // Spark's Java API throws the checked SparkException without declaring it
            SparkException spark = sparkCause(e);
            if (spark != null) {
                throw new IOException(failureLine(progress, spark), spark);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getMessage(), e);
        } finally {
            heartbeat.shutdownNow();
            cluster.context().sc().removeSparkListener(progress);
            cluster.context().setJobDescription(null);
        }
    }

    private String failureLine(TaskProgress progress, SparkException spark) {
        String message =
                TaskProgress.firstLine(spark.getMessage()).replaceFirst("^Job aborted due to stage failure: ", "");
        Matcher m = GAVE_UP.matcher(message);
        if (!m.find()) {
            return "the Spark job failed: " + message;
        }
        int partition = Integer.parseInt(m.group(1));
        String log = where == null ? null : where.apply(partition);
        return progress.label(partition) + " failed on every attempt (" + m.group(2) + "): "
                + m.group(3).strip() + (log == null ? "" : "; its log: " + log);
    }

    private static SparkException sparkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SparkException s) {
                return s;
            }
        }
        return null;
    }
}
