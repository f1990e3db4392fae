package dev.rvqlm.eval.run;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress lines for an eval of several runs (pattern × seed), possibly running at the same time: each run's step,
 * loss and rate, its ETA and the overall ETA. The overall ETA weighs each run by its estimated cost (training FLOPs)
 * and scales by the wall time spent per unit of cost so far, which already accounts for runs going in parallel.
 * Step lines are throttled to one every {@code intervalNanos} per run, plus the first and last step. A child process
 * training one run for a parent ({@link #forChild}) prints {@link ProgressEvent} JSON lines instead, which the
 * parent {@link #relay relays}. Thread-safe.
 */
public final class EvalProgress {

    private static final String DONE = "done: ";

    private final Consumer<String> out;
    private final List<String> names;
    private final double[] costs;
    private final double[] fractions;
    private final long[] lastLine;
    private final LongSupplier clock;
    private final long intervalNanos;
    private final long start;
    private final boolean events;

    /** One run's view of the progress. */
    public final class Run {
        private final int index;

        private Run(int index) {
            this.index = index;
        }

        /** A training step ended (1-based {@code step} of {@code steps}). */
        public void step(int step, int steps, double loss, double codesPerSecond, double runEtaSeconds) {
            EvalProgress.this.step(index, step, steps, loss, codesPerSecond, runEtaSeconds);
        }

        /** A phase of the run (validation, scoring, sampling). */
        public void note(String text) {
            EvalProgress.this.note(index, text);
        }
    }

    /**
     * @param names run names in plan order
     * @param costs their estimated costs (any positive unit, e.g. training FLOPs)
     */
    public EvalProgress(
            Consumer<String> out, List<String> names, double[] costs, LongSupplier clock, long intervalNanos) {
        this(out, names, costs, clock, intervalNanos, false);
    }

    private EvalProgress(
            Consumer<String> out,
            List<String> names,
            double[] costs,
            LongSupplier clock,
            long intervalNanos,
            boolean events) {
        if (names.size() != costs.length) {
            throw new IllegalArgumentException(names.size() + " names but " + costs.length + " costs");
        }
        this.out = out;
        this.names = List.copyOf(names);
        this.costs = costs.clone();
        this.fractions = new double[costs.length];
        this.lastLine = new long[costs.length];
        Arrays.fill(lastLine, Long.MIN_VALUE);
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.start = clock.getAsLong();
        this.events = events;
    }

    /** Progress to a terminal: a line every 5 s of wall time per run. */
    public static EvalProgress every5s(Consumer<String> out, List<String> names, double[] costs) {
        return new EvalProgress(out, names, costs, System::nanoTime, 5_000_000_000L);
    }

    /** The progress of a child process training one run for a parent: {@link ProgressEvent} lines, every 5 s. */
    public static EvalProgress forChild(Consumer<String> out, String name, double cost) {
        return new EvalProgress(out, List.of(name), new double[] {cost}, System::nanoTime, 5_000_000_000L, true);
    }

    /** Run {@code index} starts; {@code note} says what happens (e.g. "training", "reused"). */
    public synchronized Run startPattern(int index, String note) {
        note(index, note);
        return new Run(index);
    }

    synchronized void step(int index, int step, int steps, double loss, double codesPerSecond, double runEtaSeconds) {
        fractions[index] = step / (double) steps;
        long now = clock.getAsLong();
        if (step != 1 && step != steps && now - lastLine[index] < intervalNanos) {
            return;
        }
        lastLine[index] = now;
        if (events) {
            out.accept(new ProgressEvent.Step(step, steps, loss, codesPerSecond, runEtaSeconds).line());
            return;
        }
        stepLine(index, step, steps, figures(loss, codesPerSecond, runEtaSeconds), now);
    }

    private static String figures(double loss, double codesPerSecond, double runEtaSeconds) {
        return String.format(
                Locale.ROOT, "loss %.4f  %.0f codes/s  ETA %s", loss, codesPerSecond, duration(runEtaSeconds));
    }

    private void stepLine(int index, int step, int steps, String figures, long now) {
        out.accept(String.format(
                Locale.ROOT,
                "%s step %d/%d  %s  overall ETA %s",
                prefix(index),
                step,
                steps,
                figures,
                duration(overallEtaSeconds(now))));
    }

    /**
     * Relays a line that a child process printed while it trained run {@code index} alone ({@link #forChild}): a
     * step event updates this run's share done and becomes a step line with this eval's prefix and overall ETA (the
     * child already throttled it); a note is repeated with this eval's prefix; the "done" event is not (the parent
     * reports the stored result) and other lines (the child's data summary, errors) are left to its log.
     */
    public synchronized void relay(int index, String childLine) {
        ProgressEvent event = ProgressEvent.parse(childLine).orElse(null);
        if (event instanceof ProgressEvent.Step s) {
            fractions[index] = s.step() / (double) s.steps();
            stepLine(
                    index,
                    s.step(),
                    s.steps(),
                    figures(s.loss(), s.codesPerSecond(), s.etaSeconds()),
                    clock.getAsLong());
        } else if (event instanceof ProgressEvent.Note n) {
            out.accept(prefix(index) + " " + n.text());
        }
    }

    synchronized void note(int index, String text) {
        out.accept(events ? new ProgressEvent.Note(text).line() : prefix(index) + " " + text);
    }

    /** Run {@code index} is done (trained, scored and sampled), whether or not it used all its steps. */
    public synchronized void finishPattern(int index, String summary) {
        fractions[index] = 1;
        out.accept(events ? new ProgressEvent.Done(summary).line() : prefix(index) + " " + DONE + summary);
    }

    /** Run {@code index} was reused from an earlier eval: it adds no time. */
    public synchronized void skipPattern(int index) {
        costs[index] = 0;
        fractions[index] = 1;
    }

    /** Seconds left overall, from the wall time spent per unit of cost so far. */
    double overallEtaSeconds(long now) {
        double spent = 0;
        double remaining = 0;
        for (int i = 0; i < costs.length; i++) {
            spent += costs[i] * fractions[i];
            remaining += costs[i] * (1 - fractions[i]);
        }
        double elapsed = (now - start) / 1e9;
        if (spent <= 0 || elapsed <= 0) {
            return Double.NaN;
        }
        return remaining * elapsed / spent;
    }

    private String prefix(int index) {
        return String.format(Locale.ROOT, "[%d/%d %s]", index + 1, names.size(), names.get(index));
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
