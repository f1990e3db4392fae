package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.Crossing;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.FrontierSummary;
import dev.rvqlm.eval.results.Lead;
import dev.rvqlm.eval.results.ModelFrontier;
import dev.rvqlm.eval.results.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's first paragraph when the eval has a compute frontier: which model leads at each amount of training
 * compute (with whether the lead is resolved over seeds), where frontiers cross, which crossings are extrapolated
 * beyond the budget, and what sampling a second of audio costs each model.
 */
final class FrontierText {

    private FrontierText() {}

    static Optional<String> paragraph(EvalResults results) {
        FrontierSummary f = results.frontier();
        if (f == null || f.leads().isEmpty()) {
            return Optional.empty();
        }
        long seeds = results.runs().stream().map(r -> r.run().seed()).distinct().count();
        long sizes = results.runs().stream().map(r -> r.run().size()).distinct().count();
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "Compute frontier (validation bits/s of the best of %d size%s within each training-FLOPs budget, %s; "
                        + "budget %s FLOPs, the most any run reached): ",
                sizes,
                sizes == 1 ? "" : "s",
                seeds == 1 ? "one seed, so no interval" : "mean of " + seeds + " seeds with 95% intervals",
                flops(f.budgetFlops())));
        text.append(claim(f.leads())).append(' ');
        List<String> spans = spans(f.leads(), seeds > 1);
        if (spans.size() > 1 || seeds > 1) { // one leader and no intervals: the claim has said it all
            String joined = String.join("; ", spans);
            text.append(Character.toUpperCase(joined.charAt(0)))
                    .append(joined.substring(1))
                    .append(". ");
        }
        text.append(crossings(f.crossings(), f.budgetFlops(), seeds > 1));
        sampling(results, f).ifPresent(text::append);
        return Optional.of(text.toString().strip());
    }

    /**
     * "At equal training compute from X FLOPs up to the budget Y, P leads": the leader at the budget and how far
     * down it leads without a break. Read from the budget down, because at the smallest compute every model is still
     * near its unigram plateau and the leader there is a coin toss (demo seeds 0 and 1 named parallel and delay for
     * the same curves, 0.2% apart at the first level).
     */
    static String claim(List<Lead> leads) {
        int top = leads.size() - 1;
        String leader = leads.get(top).leader();
        int first = top;
        while (first > 0 && leads.get(first - 1).leader().equals(leader)) {
            first--;
        }
        if (first == 0) {
            return "At equal training compute " + leader + " leads at every level measured, from "
                    + flops(leads.get(0).flops()) + " to "
                    + flops(leads.get(top).flops()) + " FLOPs.";
        }
        return "At equal training compute from " + flops(leads.get(first).flops()) + " FLOPs up to the budget, "
                + flops(leads.get(top).flops()) + " FLOPs, " + leader + " leads; below "
                + flops(leads.get(first).flops())
                + ", " + leads.get(first - 1).leader() + ".";
    }

    /** Runs of consecutive levels with the same leader and resolution, as sentences. */
    static List<String> spans(List<Lead> leads, boolean intervals) {
        List<String> spans = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= leads.size(); i++) {
            boolean ends = i == leads.size()
                    || !leads.get(i).leader().equals(leads.get(start).leader())
                    || leads.get(i).resolved() != leads.get(start).resolved();
            if (!ends) {
                continue;
            }
            Lead first = leads.get(start);
            Lead last = leads.get(i - 1);
            String range = start == i - 1
                    ? "at " + flops(first.flops())
                    : "from " + flops(first.flops()) + " to " + flops(last.flops());
            spans.add(range + " FLOPs " + first.leader() + " leads"
                    + (first.runnerUp() == null
                            ? ""
                            : !intervals
                                    ? ""
                                    : first.resolved()
                                            ? " (resolved against every other model)"
                                            : " (not resolved against " + first.runnerUp() + ")"));
            start = i;
        }
        return spans;
    }

    /**
     * How far beyond the budget an extrapolated crossing is still told: a power law fitted to one decade of compute
     * says little two decades further on.
     */
    static final double EXTRAPOLATION_HORIZON = 100;

    /** Unresolved crossings told one by one up to this many; more are summed up (five models can cross 20 times). */
    static final int UNRESOLVED_TOLD = 3;

    static String crossings(List<Crossing> crossings, double budget, boolean intervals) {
        if (crossings.isEmpty()) {
            return "No two frontiers cross within the budget, and no fit of their last decade predicts a crossing "
                    + "beyond it. ";
        }
        List<String> measured = new ArrayList<>();
        List<Crossing> unresolved = new ArrayList<>();
        List<String> extrapolated = new ArrayList<>();
        int farther = 0;
        for (Crossing c : crossings) {
            if (c.kind() == Crossing.Kind.EXTRAPOLATED && !(c.flops().mean() <= EXTRAPOLATION_HORIZON * budget)) {
                farther++;
                continue;
            }
            switch (c.kind()) {
                case RESOLVED ->
                    measured.add(c.below() + " and " + c.above() + " cross at "
                            + flops(c.flops().mean()) + " FLOPs (" + c.below() + " lower below, " + c.above()
                            + " above; both leads resolved)");
                case UNRESOLVED -> unresolved.add(c);
                case EXTRAPOLATED ->
                    extrapolated.add(c.below() + " and " + c.above() + " at "
                            + flops(c.flops().mean()) + " FLOPs (per-seed fits: "
                            + flops(c.flops().low()) + " to " + flops(c.flops().high()) + ")");
            }
        }
        measured.addAll(unresolved(unresolved, intervals));
        StringBuilder text = new StringBuilder();
        if (measured.isEmpty()) {
            text.append("No two frontiers cross within the budget. ");
        } else {
            text.append("Crossings within the budget: ")
                    .append(String.join("; ", measured))
                    .append(". ");
        }
        if (!extrapolated.isEmpty()) {
            text.append("Beyond the budget, an extrapolation (power laws fitted to each frontier's last decade of "
                            + "compute), not a measurement: ")
                    .append(String.join("; ", extrapolated))
                    .append(". ");
        }
        if (farther > 0) {
            text.append(String.format(
                    Locale.ROOT,
                    "%d more fitted crossing%s lie%s over %.0f× beyond the budget, too far for a fit over one decade to "
                            + "say anything (results.json keeps them). ",
                    farther,
                    farther == 1 ? "" : "s",
                    farther == 1 ? "s" : "",
                    EXTRAPOLATION_HORIZON));
        }
        return text.toString();
    }

    /**
     * Crossings where a lead is not resolved: each told when few, else one sentence with their count, the models and
     * the compute they span. With one seed no lead can be resolved, which is said instead of "the seeds' noise".
     */
    private static List<String> unresolved(List<Crossing> crossings, boolean intervals) {
        String why = intervals ? "within the seeds' noise" : "one seed, so not resolved";
        if (crossings.size() <= UNRESOLVED_TOLD) {
            return crossings.stream()
                    .map(c -> c.below() + " and " + c.above() + " cross at "
                            + flops(c.flops().mean()) + " FLOPs (" + why + ")")
                    .toList();
        }
        List<String> models = new ArrayList<>();
        for (Crossing c : crossings) {
            for (String m : List.of(c.below(), c.above())) {
                if (!models.contains(m)) {
                    models.add(m);
                }
            }
        }
        double low = crossings.stream().mapToDouble(c -> c.flops().mean()).min().orElseThrow();
        double high =
                crossings.stream().mapToDouble(c -> c.flops().mean()).max().orElseThrow();
        return List.of(crossings.size() + " crossings among " + String.join(", ", models) + " between " + flops(low)
                + " and " + flops(high) + " FLOPs (" + why + "; results.json lists them)");
    }

    /** Sampling cost per second of audio at batch 1, of each model's best size at the budget. */
    private static Optional<String> sampling(EvalResults results, FrontierSummary f) {
        List<String> costs = new ArrayList<>();
        for (ModelFrontier m : f.models()) {
            String size = m.bestSize().get(m.bestSize().size() - 1);
            double rtf = results.runs().stream()
                    .filter(r -> r.run().model().toString().equals(m.model())
                            && r.run().size().label().equals(size))
                    .mapToDouble(r -> r.sampling().rtfBatch1())
                    .average()
                    .orElse(Double.NaN);
            if (Double.isFinite(rtf)) {
                costs.add(String.format(Locale.ROOT, "%s %.3f s (%s)", m.model(), rtf, size));
            }
        }
        return costs.isEmpty()
                ? Optional.empty()
                : Optional.of("Sampling one second of audio at batch 1 costs " + String.join(", ", costs)
                        + " of wall time (the best size at the budget; measured while runs shared the machine).");
    }

    /** 1.2e+12-style FLOPs. */
    static String flops(double value) {
        return Double.isInfinite(value) ? "∞" : String.format(Locale.ROOT, "%.2g", value);
    }

    /** The runs of a model (every size and seed). */
    static List<RunResult> runsOf(EvalResults results, String model) {
        return results.runs().stream()
                .filter(r -> r.run().model().toString().equals(model))
                .toList();
    }
}
