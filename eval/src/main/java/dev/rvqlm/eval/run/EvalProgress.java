package dev.rvqlm.eval.run;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress lines for a multi-pattern eval: the current pattern's step, loss and rate, its ETA and the overall ETA.
 * The overall ETA weighs each pattern by its estimated cost (training FLOPs) and scales by the wall time spent per
 * unit of cost so far. Lines are throttled to one every {@code intervalNanos}, plus the first and last step.
 */
public final class EvalProgress {

    private final Consumer<String> out;
    private final List<String> names;
    private final double[] costs;
    private final LongSupplier clock;
    private final long intervalNanos;
    private final long start;
    private double doneCost;
    private int current = -1;
    private long lastLine = Long.MIN_VALUE;

    /**
     * @param names pattern names in run order
     * @param costs their estimated costs (any positive unit, e.g. training FLOPs)
     */
    public EvalProgress(Consumer<String> out, List<String> names, double[] costs, LongSupplier clock,
                        long intervalNanos) {
        if (names.size() != costs.length) {
            throw new IllegalStateException(names.size() + " names but " + costs.length + " costs");
        }
        this.out = out;
        this.names = List.copyOf(names);
        this.costs = costs.clone();
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.start = clock.getAsLong();
    }

    /** Progress to a terminal: a line every 5 s of wall time. */
    public static EvalProgress every5s(Consumer<String> out, List<String> names, double[] costs) {
        return new EvalProgress(out, names, costs, System::nanoTime, 5_000_000_000L);
    }

    /** Pattern {@code index} starts; {@code note} says what happens (e.g. "training", "reused"). */
    public void startPattern(int index, String note) {
        current = index;
        out.accept(String.format(Locale.ROOT, "[%d/%d %s] %s", index + 1, names.size(), names.get(index), note));
    }

    /** A training step of the current pattern ended (1-based {@code step} of {@code steps}). */
    public void step(int step, int steps, double loss, double codesPerSecond, double patternEtaSeconds) {
        long now = clock.getAsLong();
        if (step != 1 && step != steps && now - lastLine < intervalNanos) {
            return;
        }
        lastLine = now;
        double overall = overallEtaSeconds(step / (double) steps, patternEtaSeconds, now);
        out.accept(String.format(Locale.ROOT, "[%d/%d %s] step %d/%d  loss %.4f  %.0f codes/s  ETA %s  overall ETA %s",
                current + 1, names.size(), names.get(current), step, steps, loss, codesPerSecond,
                duration(patternEtaSeconds), duration(overall)));
    }

    /** A phase of the current pattern after training (scoring, sampling). */
    public void note(String text) {
        out.accept(String.format(Locale.ROOT, "[%d/%d %s] %s", current + 1, names.size(), names.get(current), text));
    }

    /** The current pattern is done (trained, scored and sampled). */
    public void finishPattern(String summary) {
        doneCost += costs[current];
        out.accept(String.format(Locale.ROOT, "[%d/%d %s] done: %s", current + 1, names.size(), names.get(current),
                summary));
    }

    /** The current pattern was reused from an earlier run: it adds no time. */
    public void skipPattern() {
        costs[current] = 0;
    }

    /** Overall seconds left, from the time spent per unit of cost so far (the current pattern's own ETA at first). */
    double overallEtaSeconds(double fractionOfCurrent, double patternEtaSeconds, long now) {
        double remainingOthers = 0;
        for (int i = current + 1; i < costs.length; i++) {
            remainingOthers += costs[i];
        }
        double spentCost = doneCost + fractionOfCurrent * costs[current];
        double elapsed = (now - start) / 1e9;
        if (spentCost <= 0 || elapsed <= 0) {
            return patternEtaSeconds;
        }
        return patternEtaSeconds + remainingOthers * elapsed / spentCost;
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
