package dev.rvqlm.spark;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.SparkException;

/** Runs one Spark job with {@link TaskProgress} lines, turning Spark's job failure into one line. */
public final class TaskProgressJob {

    private TaskProgressJob() {}

    /**
     * @param labels one name per partition, for the progress lines
     * @param job    the action (a {@code collect()}) that runs the job
     * @throws IOException when Spark gave up on a task (every attempt failed), with Spark's last reason
     */
    public static <T> T run(
            SparkCluster cluster, String description, List<String> labels, Consumer<String> log, Supplier<T> job)
            throws IOException {
        TaskProgress progress = new TaskProgress(labels, log);
        cluster.context().setJobDescription(description);
        cluster.context().sc().addSparkListener(progress);
        try {
            return job.get();
        } catch (RuntimeException e) {
            SparkException spark = sparkCause(e);
            if (spark == null) {
                throw e;
            }
            throw new IOException(
                    "the Spark job failed: " + TaskProgress.firstLine(spark.getMessage())
                            + " (executor logs: the Spark UI's Executors tab, or the workers' work/ directories)",
                    spark);
        } finally {
            cluster.context().sc().removeSparkListener(progress);
            cluster.context().clearJobGroup();
        }
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
