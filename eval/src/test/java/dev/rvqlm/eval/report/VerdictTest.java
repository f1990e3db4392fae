package dev.rvqlm.eval.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.results.Calibration;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static String verdict(List<RunResult> runs) {
        return ReportWriter.verdict(Fixtures.results(runs));
    }

    @Test
    void statesTheRankingWithIntervalsAndAgreesWhenEveryDifferenceIsResolved() {
        String text = verdict(Fixtures.musicGenLike());
        assertTrue(
                text.startsWith("Held-out bits/s, lower is better (mean of 2 seeds; 95% intervals from a paired "
                        + "bootstrap over 8 held-out files and the seeds): flatten 1501.5 ["),
                text);
        assertTrue(text.contains("Supported orderings: delay < parallel (-270.0); "), text);
        assertTrue(text.contains("; flatten < parallel (-300.0); "), text);
        assertTrue(text.contains("; flatten < delay (-30.0); "), text);
        assertTrue(text.contains("MusicGen's finding: 4 of 4 claims hold, 0 contradicted, 0 undecided"), text);
        assertTrue(
                text.contains("delay close to flatten holds (30.0 bits/s vs flatten, close = within ±150.0; at "
                        + "25% of flatten's sequence steps)"),
                text);
    }

    @Test
    void contradictsWhenParallelWinsClearly() {
        List<RunResult> runs = List.of(
                Fixtures.result("parallel", 75, 4.0),
                Fixtures.result("delay", 75, 5.0),
                Fixtures.result("flatten", 300, 6.0));
        String text = verdict(runs);
        assertTrue(
                text.contains("MusicGen's finding: 0 of 3 claims hold, 3 contradicted, 0 undecided: flatten best "
                        + "is contradicted; parallel worst is contradicted"),
                text);
    }

    @Test
    void saysNotDistinguishableWhenTheIntervalIncludesZero() {
        // delay's seeds disagree (5.0 and 5.3 bits/code): over seeds, its difference to flatten is not resolved.
        List<RunResult> runs = new ArrayList<>();
        for (long seed = 0; seed < 2; seed++) {
            runs.add(Fixtures.result("parallel", 75, 6.0, seed, 0));
            runs.add(Fixtures.result("delay", 75, 5.0, seed, 0.3));
            runs.add(Fixtures.result("flatten", 300, 5.0, seed, 0));
        }
        String text = verdict(runs);
        assertTrue(text.contains("Not distinguishable at this budget: flatten vs delay (-45.0 [-90.0, 0.0])"), text);
        assertTrue(text.contains("flatten best is undecided at this budget"), text);
        assertTrue(text.contains("parallel worst holds"), text);
    }

    @Test
    void namesWhatIsMissing() {
        String text = verdict(
                List.of(Fixtures.result("delay:delays=0,1,2,3", 75, 5.0), Fixtures.result("flatten", 300, 5.0)));
        assertTrue(text.contains("The MusicGen comparison needs"), text);
        assertTrue(text.contains("delay:delays=0,1,2,3"), text);
        assertTrue(
                text.contains("No ordering is supported at this budget") || text.contains("Not distinguishable"), text);
    }

    @Test
    void reportsWhatEachPatternCanReachOnASynthCorpusBesideIt() {
        EvalResults plain = Fixtures.results(Fixtures.musicGenLike());
        List<Double> exact = List.of(4.0, 4.5, 5.0, 5.5);
        List<Double> parallel = List.of(4.0, 5.0, 5.5, 6.0);
        List<Double> partial = List.of(4.0, 4.5, 5.25, 5.75);
        Map<String, List<Double>> reachable = new LinkedHashMap<>();
        reachable.put("parallel", parallel);
        reachable.put("delay", exact);
        reachable.put("partial-flatten", partial);
        reachable.put("flatten", exact);
        EvalResults synth = new EvalResults(
                plain.runs(),
                plain.summaries(),
                plain.comparisons(),
                new Calibration(new dev.rvqlm.tokens.synth.SourceEntropy(exact, parallel), reachable),
                plain.settings());
        String findings = String.join("\n", ReportWriter.findings(synth));
        assertTrue(
                findings.contains("can reach 4.750 bits/code; a model that predicts a "
                        + "frame's codes independently (parallel) can reach 5.125 at best."),
                findings);
        assertTrue(findings.contains("parallel 6.005 [") && findings.contains("(5.125 reachable, +17.2%)"), findings);
        assertTrue(findings.contains("(4.875 reachable, "), "partial-flatten's own bound: " + findings);
        String table = ReportTables.quality(synth).markdown();
        assertTrue(
                table.contains("| source: exact factorisation (true entropy) |  | 4.7500 | 1425.0 | 4.000 |"), table);
        assertTrue(table.contains("| source: best partial-flatten can reach |  | 4.8750 |"), table);
    }
}
