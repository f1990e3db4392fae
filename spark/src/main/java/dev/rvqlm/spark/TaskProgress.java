package dev.rvqlm.spark;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The driver's progress lines for one Spark job whose partition i does item i: items done of the total with the
 * item's name, rate and ETA, and every failed attempt with Spark's reason (Spark retries it). Registered for the
 * duration of one job.
 */
final class TaskProgress extends SparkListener {

    private final List<String> names;
    private final Consumer<String> log;
    private final long start = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failedAttempts = new AtomicInteger();

    TaskProgress(List<String> names, Consumer<String> log) {
        this.names = List.copyOf(names);
        this.log = log;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        int partition = (int) end.taskInfo().partitionId();
        String name = partition >= 0 && partition < names.size() ? names.get(partition) : "task " + partition;
        if (end.taskInfo().successful()) {
            int n = done.incrementAndGet();
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / n * (names.size() - n);
            log.accept(String.format(
                    Locale.ROOT,
                    "[%d/%d] %s (%.2f/s, ETA %s%s)",
                    n,
                    names.size(),
                    name,
                    n / Math.max(elapsed, 1e-9),
                    duration(eta),
                    failedAttempts.get() == 0 ? "" : ", " + failedAttempts.get() + " failed attempts retried"));
        } else if (end.reason() instanceof TaskFailedReason failed) {
            failedAttempts.incrementAndGet();
            log.accept(String.format(
                    Locale.ROOT,
                    "attempt %d of %s failed on executor %s (%s): %s",
                    end.taskInfo().attemptNumber() + 1,
                    name,
                    end.taskInfo().executorId(),
                    end.taskInfo().host(),
                    firstLine(failed.toErrorString())));
        }
    }

    int failedAttempts() {
        return failedAttempts.get();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
