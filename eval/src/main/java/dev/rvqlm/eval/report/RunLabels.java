package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ModelSummary;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.RunSpec;
import java.util.List;
import java.util.function.Function;

/**
 * How the report names a model in a row, a legend or a sentence: the model's text, with its size when the eval has
 * more than one size ({@code delay 128x2}).
 */
final class RunLabels {

    private RunLabels() {}

    /** The labeller for these runs. */
    static Function<RunSpec, String> of(List<RunResult> runs) {
        boolean sizes = runs.stream().map(r -> r.run().size()).distinct().count() > 1;
        return run ->
                sizes ? run.model() + " " + run.size().label() : run.model().toString();
    }

    /** A summary's label among the eval's runs. */
    static String of(EvalResults results, ModelSummary summary) {
        return of(results.runs()).apply(new RunSpec(summary.model(), summary.size(), 0));
    }

    /** The runs a summary pools. */
    static List<RunResult> runsOf(EvalResults results, ModelSummary summary) {
        return results.runs().stream()
                .filter(r -> r.run().model().equals(summary.model())
                        && r.run().size().equals(summary.size()))
                .toList();
    }
}
