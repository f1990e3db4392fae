package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ModelSummary;
import dev.rvqlm.eval.results.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models' flags as the report's warnings: each run that ended still improving is named in one shared sentence
 * (a grid of many runs would otherwise repeat it for every run; when they are most of a large grid, by the runs that
 * are not), every other flag stays as it is.
 */
final class Warnings {

    private static final Pattern STILL_IMPROVING =
            Pattern.compile("seed (\\d+) ended still improving at the step cap.*");

    /** Up to this many runs are named one by one. */
    private static final int LISTED = 8;

    private Warnings() {}

    static List<String> grouped(EvalResults results) {
        List<String> improving = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (ModelSummary s : results.summaries()) {
            String label = RunLabels.of(results, s);
            for (String flag : s.flags()) {
                Matcher m = STILL_IMPROVING.matcher(flag);
                if (m.matches()) {
                    improving.add(label + " seed " + m.group(1));
                } else {
                    others.add(label + ": " + flag);
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!improving.isEmpty()) {
            warnings.add((improving.size() == 1 ? "1 run" : improving.size() + " runs")
                    + " ended still improving at the step cap (best validation at the last validation; more steps "
                    + "would lower their figures): " + named(results, improving));
        }
        warnings.addAll(others);
        return warnings;
    }

    /** Runs named one by one, or, when they are most of a large grid, as "every run but" the others. */
    private static String named(EvalResults results, List<String> runs) {
        if (runs.size() <= LISTED || 2 * runs.size() <= results.runs().size()) {
            return String.join(", ", runs);
        }
        List<String> others = new ArrayList<>();
        for (ModelSummary s : results.summaries()) {
            for (RunResult r : RunLabels.runsOf(results, s)) {
                String name = RunLabels.of(results, s) + " seed " + r.run().seed();
                if (!runs.contains(name)) {
                    others.add(name);
                }
            }
        }
        return others.isEmpty() ? "every run" : "every run but " + String.join(", ", others);
    }
}
