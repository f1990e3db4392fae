package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.PatternResult;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says in one paragraph whether the results agree with the MusicGen ablation (Copet et al. 2023, table 3): flattening
 * models the codes best, parallel worst, and delay and partial flattening come close to flattening at a fraction of
 * its sequence steps. Quality is held-out NLL in bits per second of audio (lower is better). "Close" is made
 * precise: a pattern is close to flattening when |its bits/s − flatten's| ≤ max(½ (parallel's − flatten's), 1% of
 * flatten's), i.e. within half of parallel's gap, or within 1% when parallel is not worse than flatten.
 */
public final class Verdict {

    private Verdict() {}

    /** The paragraph, or a sentence saying which of the four patterns are missing. */
    public static String of(List<PatternResult> results) {
        Optional<PatternResult> flatten = byName(results, "flatten");
        Optional<PatternResult> parallel = byName(results, "parallel");
        Optional<PatternResult> delay = byName(results, "delay");
        Optional<PatternResult> partial = byName(results, "partial-flatten");
        if (flatten.isEmpty() || parallel.isEmpty() || (delay.isEmpty() && partial.isEmpty())) {
            return "The MusicGen comparison needs the patterns flatten, parallel and delay or partial-flatten; "
                    + "this run has " + results.stream().map(PatternResult::pattern).toList() + ".";
        }
        PatternResult best = results.stream().min(Comparator.comparingDouble(PatternResult::nllBitsPerSecond))
                .orElseThrow();
        PatternResult worst = results.stream().max(Comparator.comparingDouble(PatternResult::nllBitsPerSecond))
                .orElseThrow();
        double flat = flatten.get().nllBitsPerSecond();
        double parallelGap = parallel.get().nllBitsPerSecond() - flat;
        boolean flattenBest = best == flatten.get();
        boolean parallelWorst = worst == parallel.get();
        StringBuilder text = new StringBuilder();
        int agreements = 0;
        int claims = 2;
        agreements += flattenBest ? 1 : 0;
        agreements += parallelWorst ? 1 : 0;
        StringBuilder closeness = new StringBuilder();
        for (Optional<PatternResult> candidate : List.of(delay, partial)) {
            if (candidate.isEmpty()) {
                continue;
            }
            claims++;
            PatternResult p = candidate.get();
            double gap = p.nllBitsPerSecond() - flat;
            double tolerance = closeTolerance(flat, parallelGap);
            boolean close = Math.abs(gap) <= tolerance;
            agreements += close ? 1 : 0;
            closeness.append(String.format(Locale.ROOT,
                    " %s is %s flatten (%.1f bits/s, %+.1f vs flatten; close means within ±%.1f) at %.0f%% "
                            + "of flatten's sequence steps.",
                    p.pattern(), close ? "close to" : "not close to", p.nllBitsPerSecond(), gap, tolerance,
                    100 * p.sequenceStepsPerSecond() / flatten.get().sequenceStepsPerSecond()));
        }
        String overall = agreements == claims ? "agrees with" : agreements == 0 ? "disagrees with"
                : "partly agrees with";
        text.append(String.format(Locale.ROOT, "This data %s MusicGen's finding (%d of %d claims hold). ", overall,
                agreements, claims));
        text.append(String.format(Locale.ROOT, "Best is %s (%.1f bits/s), %s; worst is %s (%.1f bits/s), %s.",
                best.pattern(), best.nllBitsPerSecond(),
                flattenBest ? "flatten as in MusicGen" : "not flatten (flatten: " + fmt(flat) + " bits/s)",
                worst.pattern(), worst.nllBitsPerSecond(),
                parallelWorst ? "parallel as in MusicGen" : "not parallel (parallel: "
                        + fmt(parallel.get().nllBitsPerSecond()) + " bits/s)"));
        text.append(closeness);
        return text.toString();
    }

    /** max(½ parallel's gap to flatten, 1% of flatten's bits/s). */
    static double closeTolerance(double flattenBitsPerSecond, double parallelGap) {
        return Math.max(0.5 * parallelGap, 0.01 * Math.abs(flattenBitsPerSecond));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The first result whose spec names the pattern {@code name} (options ignored). */
    static Optional<PatternResult> byName(List<PatternResult> results, String name) {
        return results.stream().filter(r -> r.pattern().equals(name) || r.pattern().startsWith(name + ":"))
                .findFirst();
    }
}
