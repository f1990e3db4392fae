package dev.rvqlm.lm.fast;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The Java engine's threads: the caller and {@code threads − 1} helpers run the parts of one job at a time (a
 * matrix product split by output rows, attention split by sequence and head), then the caller waits for the last
 * part. A decoding step runs about thirty such jobs of tens of microseconds each, too short for a thread pool's
 * queues and futures: the hand-over is a volatile generation counter that the helpers watch, spinning briefly
 * before they park, so that they wake within a microsecond during a step and sleep between generations.
 *
 * <pre>{@code
 * try (Workers workers = new Workers(2)) {
 *     workers.run((part, parts) -> work(Workers.from(n, part, parts), Workers.from(n, part + 1, parts)));
 * }
 * }</pre>
 */
public final class Workers implements AutoCloseable {

    /** One job, run once per part. */
    @FunctionalInterface
    public interface Job {
        void run(int part, int parts);
    }

    /** How long a waiting thread spins before it parks. */
    private static final long SPIN_NANOS = 50_000;

    private final Helper[] helpers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread caller;
    private volatile Job job;
    private volatile int generation;
    private volatile boolean callerParked;
    private volatile boolean closed;

    /** @param threads the caller plus {@code threads − 1} helper threads, at least 1 */
    public Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        helpers = new Helper[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper(i + 1);
            helpers[i].thread.start();
        }
    }

    /** The number of parts a job is split into (the threads). */
    public int parts() {
        return helpers.length + 1;
    }

    /** The start of part {@code part} of [0, n) cut into {@code parts} nearly equal pieces ({@code part = parts}: n). */
    public static int from(int n, int part, int parts) {
        return (int) ((long) n * part / parts);
    }

    /**
     * Runs {@code j} once per part, part 0 on the calling thread, and returns when every part is done (one job at a
     * time: the engine calls this from one thread).
     */
    public void run(Job j) {
        if (helpers.length == 0) {
            j.run(0, 1);
            return;
        }
        caller = Thread.currentThread();
        job = j;
        pending.set(helpers.length);
        generation++; // publishes the job
        for (Helper h : helpers) {
            if (h.parked) {
                LockSupport.unpark(h.thread);
            }
        }
        RuntimeException failure = null;
        try {
            j.run(0, parts());
        } catch (RuntimeException e) {
            failure = e;
        }
        awaitHelpers();
        for (Helper h : helpers) {
            if (h.failure != null) {
                RuntimeException e = h.failure;
                h.failure = null;
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void awaitHelpers() {
        long start = System.nanoTime();
        while (pending.get() > 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                callerParked = true;
                if (pending.get() > 0) {
                    LockSupport.parkNanos(this, 1_000_000);
                }
                callerParked = false;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        generation++;
        for (Helper h : helpers) {
            LockSupport.unpark(h.thread);
        }
    }

    /** A helper thread: waits for each new generation and runs its part of the job. */
    private final class Helper implements Runnable {
        final Thread thread;
        final int part;
        private int seen; // the generation whose job this helper ran last: 0 before the first job
        volatile boolean parked;
        volatile RuntimeException failure;

        Helper(int part) {
            this.part = part;
            thread = new Thread(this, "rvq-java-engine-" + part);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                long start = System.nanoTime();
                while (generation == seen) {
                    if (System.nanoTime() - start < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (generation == seen) {
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                seen = generation;
                if (closed) {
                    return;
                }
                try {
                    job.run(part, parts());
                } catch (RuntimeException e) {
                    failure = e;
                }
                if (pending.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
