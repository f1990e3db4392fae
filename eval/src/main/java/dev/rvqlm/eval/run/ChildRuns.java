package dev.rvqlm.eval.run;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Trains runs in child processes, up to {@code jobs} at once, the costliest first (so that a long run does not start
 * last while the other slots stand idle). Each child's output goes to {@value #LOG} in its run directory, and its
 * progress lines are relayed to the eval's progress. The first child to fail stops the others and fails the batch with
 * one line naming the run and its log; runs finished by then stay stored for reuse. If this process is stopped
 * (Ctrl-C), a shutdown hook stops the children; if it dies without running hooks, each child stops by itself
 * ({@link #haltWhenParentExits}).
 */
public final class ChildRuns {

    /** A child's output (stdout and stderr), in its run directory. */
    public static final String LOG = "run.log";
    /** Exit status of a child that stops because its parent is gone. */
    static final int ORPHANED = 143;

    private static final long STOP_GRACE_SECONDS = 5;

    /**
     * One run to train elsewhere (a child process, or a cluster's executor: {@link RunCluster}): its index in the
     * eval's plan, its name ({@code RunSpec.name()}), its run directory and its estimated cost (training FLOPs).
     */
    public record Job(int index, String name, Path runDir, double cost) {}

    /** Called in the scheduling thread when a child has exited with status 0. */
    @FunctionalInterface
    interface Finished {
        void finished(Job job) throws IOException;
    }

    private record Exit(Job job, int status, String lastError) {}

    private final RunScheduling scheduling;
    private final EvalProgress progress;
    private final List<Thread> relays = new ArrayList<>();

    ChildRuns(RunScheduling scheduling, EvalProgress progress) {
        if (scheduling.jobs() < 2) {
            throw new IllegalArgumentException("child processes need jobs of at least 2, got " + scheduling.jobs());
        }
        this.scheduling = scheduling;
        this.progress = progress;
    }

    /**
     * In a child: halts this process when its parent exits, so that a parent killed without running its shutdown
     * hooks (SIGKILL) leaves no child training on (the JDK polls a non-child process, so this takes a few seconds).
     */
    public static void haltWhenParentExits() {
        ProcessHandle.current()
                .parent()
                .ifPresent(parent ->
                        parent.onExit().thenRun(() -> Runtime.getRuntime().halt(ORPHANED)));
    }

    /** Trains every job; returns once all have finished, or throws after stopping the rest when one fails. */
    void run(List<Job> jobs, Finished finished) throws IOException {
        List<Job> queue = new ArrayList<>(jobs);
        queue.sort(Comparator.comparingDouble(Job::cost).reversed());
        BlockingQueue<Exit> exits = new LinkedBlockingQueue<>();
        Map<Integer, Process> running = new ConcurrentHashMap<>();
        Thread hook = new Thread(() -> stopAll(running), "stop eval child processes");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int next = 0;
            while (next < queue.size() || !running.isEmpty()) {
                while (next < queue.size() && running.size() < scheduling.jobs()) {
                    start(queue.get(next++), running, exits);
                }
                Exit exit = exits.take();
                running.remove(exit.job().index());
                if (exit.status() != 0) {
                    stopAll(running);
                    throw new IOException(failure(exit));
                }
                finished.finished(exit.job());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while runs were training in child processes");
        } finally {
            stopAll(running);
            awaitRelays(); // so that no child's line is printed after this method returns or throws
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing left to remove
            }
        }
    }

    private void start(Job job, Map<Integer, Process> running, BlockingQueue<Exit> exits) throws IOException {
        Files.createDirectories(job.runDir());
        Path log = job.runDir().resolve(LOG);
        Process process = scheduling
                .children()
                .forRun(job.name())
                .redirectErrorStream(true)
                .start();
        running.put(job.index(), process);
        progress.note(job.index(), "training in child process " + process.pid() + ", log " + log);
        Thread relay = new Thread(() -> relay(job, process, log, exits), "relay " + job.name());
        relay.setDaemon(true);
        relay.start();
        relays.add(relay);
    }

    private void awaitRelays() {
        for (Thread relay : relays) {
            try {
                relay.join(TimeUnit.SECONDS.toMillis(STOP_GRACE_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Copies a child's output to its log and the progress until it exits, then reports its exit. */
    private void relay(Job job, Process process, Path log, BlockingQueue<Exit> exits) {
        String lastError = null;
        BufferedWriter writer = null;
        try {
            writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            lastError = "cannot write " + log + ": " + e.getMessage();
        }
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (writer != null) {
                    try {
                        writer.write(line);
                        writer.newLine();
                        writer.flush();
                    } catch (IOException e) {
                        lastError = "cannot write " + log + ": " + e.getMessage();
                        writer = null; // keep draining the pipe, or the child blocks on a full one
                    }
                }
                if (line.startsWith("rvq: ")) {
                    lastError = line;
                }
                progress.relay(job.index(), line);
            }
        } catch (IOException e) {
            // the pipe closed under us: the exit status says what happened
        } finally {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    lastError = "cannot write " + log + ": " + e.getMessage();
                }
            }
        }
        exits.add(new Exit(job, waitUninterruptibly(process), lastError));
    }

    private static String failure(Exit exit) {
        int status = exit.status();
        String how = status > 128
                ? String.format(Locale.ROOT, "exit status %d, killed by signal %d", status, status - 128)
                : "exit status " + status;
        return "run " + exit.job().name() + " failed (" + how + ")"
                + (exit.lastError() == null ? "" : ": " + exit.lastError()) + "; its log: "
                + exit.job().runDir().resolve(LOG);
    }

    /** Asks every running child to stop, then kills those still running after a grace period. */
    private static void stopAll(Map<Integer, Process> running) {
        List<Process> processes = new ArrayList<>(running.values());
        running.clear();
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int waitUninterruptibly(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
