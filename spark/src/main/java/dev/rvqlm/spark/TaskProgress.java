package dev.rvqlm.spark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * The driver's progress lines for one Spark job whose partition i does item i: items done of the total with the
 * item's name, the rate and an ETA, and every failed attempt with Spark's reason (Spark retries it). The ETA weighs
 * items by their cost (an eval run's training FLOPs) when costs are given. Registered for the duration of one job.
 */
final class TaskProgress extends SparkListener {

    /** The last failed attempt of one partition. */
    record Failure(int partition, int attempts, String reason) {}

    private final List<String> names;
    private final double[] costs;
    private final double totalCost;
    private final Consumer<String> log;
    private final long start = System.nanoTime();
    private final Map<Integer, Failure> failures = new ConcurrentHashMap<>();
    private int done;
    private double doneCost;
    private int failedAttempts;
    private int running;

    /** @param costs one per item, or empty for equal items */
    TaskProgress(List<String> names, double[] costs, Consumer<String> log) {
        this.names = List.copyOf(names);
        this.costs = costs.length == names.size() ? costs.clone() : null;
        this.totalCost = this.costs == null
                ? names.size()
                : java.util.Arrays.stream(this.costs).sum();
        this.log = log;
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart start) {
        running++;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        running = Math.max(0, running - 1);
        int partition = (int) end.taskInfo().partitionId();
        String name = label(partition);
        if (end.taskInfo().successful()) {
            done++;
            doneCost += costs == null ? 1 : costs[partition];
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed * (totalCost - doneCost) / Math.max(doneCost, 1e-12);
            log.accept(String.format(
                    Locale.ROOT,
                    "[%d/%d] %s (%.2f/s, ETA %s%s)",
                    done,
                    names.size(),
                    name,
                    done / Math.max(elapsed, 1e-9),
                    duration(eta),
                    failedAttempts == 0 ? "" : "; " + failedAttempts + " failed attempts retried"));
            notifyAll();
        } else if (end.reason() instanceof TaskFailedReason failed) {
            failedAttempts++;
            String reason = firstLine(failed.toErrorString());
            failures.merge(
                    partition,
                    new Failure(partition, 1, reason),
                    (a, b) -> new Failure(partition, a.attempts() + 1, reason));
            log.accept(String.format(
                    Locale.ROOT,
                    "attempt %d of %s failed on executor %s (%s): %s",
                    end.taskInfo().attemptNumber() + 1,
                    name,
                    end.taskInfo().executorId(),
                    end.taskInfo().host(),
                    reason));
        }
    }

    /** One line on where the job stands (for a periodic heartbeat while long tasks run). */
    synchronized String status() {
        double elapsed = (System.nanoTime() - start) / 1e9;
        String eta = done == 0
                ? "ETA after the first one ends"
                : "ETA " + duration(elapsed * (totalCost - doneCost) / Math.max(doneCost, 1e-12));
        return String.format(
                Locale.ROOT,
                "[%d/%d] %d running, %s elapsed, %s%s",
                done,
                names.size(),
                running,
                duration(elapsed),
                eta,
                failedAttempts == 0 ? "" : "; " + failedAttempts + " failed attempts retried");
    }

    /** Waits until {@code n} items have been reported done, at most {@code millis}. */
    synchronized void awaitDone(int n, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (done < n && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    String label(int partition) {
        return partition >= 0 && partition < names.size() ? names.get(partition) : "task " + partition;
    }

    /** The failure of {@code partition} seen so far, if any. */
    Optional<Failure> failure(int partition) {
        return Optional.ofNullable(failures.get(partition));
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
