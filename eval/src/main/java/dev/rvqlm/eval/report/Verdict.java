package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.Comparison;
import dev.rvqlm.eval.results.Interval;
import dev.rvqlm.eval.results.ModelSummary;
import dev.rvqlm.lm.ModelEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's first paragraph: the ranking with its uncertainty, the orderings the data supports, and what that
 * says about the MusicGen ablation (Copet et al. 2023, table 3): flattening models the codes best, parallel worst,
 * and delay and partial flattening come close to flattening at a fraction of its sequence steps.
 *
 * <p>An ordering of two patterns is stated only where the 95% interval of their paired difference excludes 0;
 * everywhere else the pair is "not distinguishable at this budget". Each MusicGen claim therefore holds, is
 * contradicted, or is undecided. "Close" is made precise: |pattern − flatten| ≤ max(½ (parallel − flatten), 1% of
 * flatten) in bits/s; the claim holds when the whole interval lies within that band, is contradicted when the
 * interval lies wholly outside it.
 */
public final class Verdict {

    /** The state of one claim. */
    public enum Claim {
        HOLDS("holds"),
        CONTRADICTED("is contradicted"),
        UNDECIDED("is undecided at this budget");

        private final String text;

        Claim(String text) {
            this.text = text;
        }
    }

    private Verdict() {}

    /**
     * @param summaries   one per model, all at one size, in the order given
     * @param comparisons every pair of those models, in bits/s
     * @param heldOutFiles held-out test files the intervals resample
     */
    public static String of(List<ModelSummary> summaries, List<Comparison> comparisons, int heldOutFiles) {
        StringBuilder text = new StringBuilder();
        int seeds = summaries.stream().mapToInt(ModelSummary::seeds).min().orElse(0);
        List<ModelSummary> ranked = summaries.stream()
                .sorted(Comparator.comparingDouble(s -> s.bitsPerSecond().mean()))
                .toList();
        text.append(String.format(
                Locale.ROOT,
                "Held-out bits/s, lower is better (mean of %d seed%s; 95%% "
                        + "intervals from a paired bootstrap over %d held-out files%s): ",
                seeds,
                seeds == 1 ? "" : "s",
                heldOutFiles,
                seeds > 1 ? " and the seeds" : ""));
        List<String> parts = new ArrayList<>();
        for (ModelSummary s : ranked) {
            parts.add(s.label() + " " + s.bitsPerSecond().format(1));
        }
        text.append(String.join(", ", parts)).append(". ");
        List<String> orderings = new ArrayList<>();
        List<String> ties = new ArrayList<>();
        for (Comparison c : comparisons) {
            Comparison oriented = c.difference().mean() <= 0 ? c : c.reversed();
            String diff = oriented.difference().format(1);
            if (oriented.difference().excludesZero()) {
                orderings.add(oriented.a() + " < " + oriented.b() + " (" + diff + ")");
            } else {
                ties.add(oriented.a() + " vs " + oriented.b() + " (" + diff + ")");
            }
        }
        text.append(
                orderings.isEmpty()
                        ? "No ordering is supported at this budget. "
                        : "Supported orderings: " + String.join("; ", orderings) + ". ");
        if (!ties.isEmpty()) {
            text.append("Not distinguishable at this budget: ")
                    .append(String.join("; ", ties))
                    .append(". ");
        }
        text.append(musicGen(summaries, comparisons));
        return text.toString().strip();
    }

    /** The MusicGen claims, each holding, contradicted or undecided. */
    static String musicGen(List<ModelSummary> summaries, List<Comparison> comparisons) {
        Optional<ModelSummary> flatten = byName(summaries, "flatten");
        Optional<ModelSummary> parallel = byName(summaries, "parallel");
        if (flatten.isEmpty() || parallel.isEmpty() || summaries.size() < 3) {
            return "The MusicGen comparison needs flatten, parallel and delay or partial-flatten; this run has "
                    + summaries.stream().map(ModelSummary::label).toList() + ".";
        }
        List<String> claims = new ArrayList<>();
        int holds = 0;
        int contradicted = 0;
        Claim best = extreme(flatten.get().model(), summaries, comparisons, true);
        Claim worst = extreme(parallel.get().model(), summaries, comparisons, false);
        claims.add("flatten best " + best.text);
        claims.add("parallel worst " + worst.text);
        for (Claim c : List.of(best, worst)) {
            holds += c == Claim.HOLDS ? 1 : 0;
            contradicted += c == Claim.CONTRADICTED ? 1 : 0;
        }
        double flat = flatten.get().bitsPerSecond().mean();
        double tolerance = closeTolerance(flat, parallel.get().bitsPerSecond().mean() - flat);
        for (String name : List.of("delay", "partial-flatten")) {
            Optional<ModelSummary> p = byName(summaries, name);
            if (p.isEmpty()) {
                continue;
            }
            Interval gap =
                    difference(comparisons, p.get().model(), flatten.get().model());
            Claim close = close(gap, tolerance);
            holds += close == Claim.HOLDS ? 1 : 0;
            contradicted += close == Claim.CONTRADICTED ? 1 : 0;
            claims.add(String.format(
                    Locale.ROOT,
                    "%s close to flatten %s (%s bits/s vs flatten, close = within "
                            + "±%.1f; at %.0f%% of flatten's sequence steps)",
                    name,
                    close.text,
                    gap.format(1),
                    tolerance,
                    100 * p.get().sequenceStepsPerSecond() / flatten.get().sequenceStepsPerSecond()));
        }
        return String.format(
                        Locale.ROOT,
                        "MusicGen's finding: %d of %d claims hold, %d contradicted, %d undecided: ",
                        holds,
                        claims.size(),
                        contradicted,
                        claims.size() - holds - contradicted)
                + String.join("; ", claims) + ".";
    }

    /** Whether {@code model} is below (best) or above (worst) every other model. */
    static Claim extreme(ModelEntry model, List<ModelSummary> summaries, List<Comparison> comparisons, boolean best) {
        boolean all = true;
        for (ModelSummary other : summaries) {
            if (other.model().equals(model)) {
                continue;
            }
            Interval d = difference(comparisons, model, other.model());
            boolean supports = best ? d.high() < 0 : d.low() > 0;
            boolean refutes = best ? d.low() > 0 : d.high() < 0;
            if (refutes) {
                return Claim.CONTRADICTED;
            }
            all &= supports;
        }
        return all ? Claim.HOLDS : Claim.UNDECIDED;
    }

    static Claim close(Interval gap, double tolerance) {
        if (gap.low() >= -tolerance && gap.high() <= tolerance) {
            return Claim.HOLDS;
        }
        if (gap.low() > tolerance || gap.high() < -tolerance) {
            return Claim.CONTRADICTED;
        }
        return Claim.UNDECIDED;
    }

    /** max(½ parallel's gap to flatten, 1% of flatten's bits/s). */
    static double closeTolerance(double flattenBitsPerSecond, double parallelGap) {
        return Math.max(0.5 * parallelGap, 0.01 * Math.abs(flattenBitsPerSecond));
    }

    /** a − b from the comparisons (either orientation). */
    static Interval difference(List<Comparison> comparisons, ModelEntry a, ModelEntry b) {
        for (Comparison c : comparisons) {
            if (c.a().equals(a) && c.b().equals(b)) {
                return c.difference();
            }
            if (c.a().equals(b) && c.b().equals(a)) {
                return c.reversed().difference();
            }
        }
        throw new IllegalArgumentException("no comparison of " + a + " and " + b);
    }

    /** The first summary of the pattern {@code name} (options ignored). */
    static Optional<ModelSummary> byName(List<ModelSummary> summaries, String name) {
        return summaries.stream().filter(s -> s.model().isPattern(name)).findFirst();
    }
}
