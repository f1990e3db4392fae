package dev.rvqlm.eval.results;

import java.util.List;

/**
 * Which model gives the lowest validation bits/s at each amount of training compute, over every size and seed of an
 * eval: the frontiers, who leads where, and where two frontiers cross (measured, or extrapolated beyond the budget and
 * labelled so). The budget is the largest compute any run reached.
 *
 * @param flops     the compute levels, log-spaced, ascending; the last is the budget
 * @param models    one frontier per model, in the eval's order
 * @param leads     who leads at each level
 * @param crossings every crossing of two models' frontiers, in order of compute
 */
public record FrontierSummary(
        List<Double> flops, List<ModelFrontier> models, List<Lead> leads, List<Crossing> crossings) {

    public FrontierSummary {
        flops = List.copyOf(flops);
        models = List.copyOf(models);
        leads = List.copyOf(leads);
        crossings = List.copyOf(crossings);
    }

    /** The largest training compute any run of the eval reached. */
    public double budgetFlops() {
        return flops.get(flops.size() - 1);
    }
}
