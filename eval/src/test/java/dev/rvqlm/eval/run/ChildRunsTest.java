package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rvqlm.eval.data.SplitPlan;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ResultsJson;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.tokens.TokenDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs trained in child processes ({@code --jobs 2}): the same figures as in one process, failures named. */
class ChildRunsTest {

    /** Figures that measure this machine at that moment (time, memory), not the model. */
    static final Set<String> TIMINGS =
            Set.of("seconds", "codes_per_second", "rtf_batch1", "rtf_large_batch", "peak_rss_mib");

    static final Pattern CHILD_PID =
            Pattern.compile("\\[\\d/2 (.+) 16x1x2 seed 5] training in child process (\\d+), .*");

    @TempDir
    static Path dir;

    static Path tokens;

    @BeforeAll
    static void writeTokens() throws IOException {
        tokens = CopyTokens.write(dir.resolve("tokens"), 8);
    }

    /** Two patterns, one seed, a tiny model: a few seconds per run. */
    static EvalConfig config() {
        LmTraining train = LmTraining.defaults().toBuilder()
                .timesteps(16)
                .batch(4)
                .steps(16)
                .warmupSteps(2)
                .peakLearningRate(3e-3)
                .seed(5)
                .build();
        return EvalConfig.builder()
                .models(List.of(ModelEntry.parse("parallel"), ModelEntry.parse("delay")))
                .size(new ModelShape(16, 1, 2, 2, 0.0))
                .train(train)
                .split(new SplitPlan(0.34, 0.17, 8))
                .stopping(new EarlyStopping(4, 0))
                .sampling(new SamplingPlan(2, 0.2, 0.3, SampleConfig.topK(4), 2))
                .build();
    }

    @Test
    void twoJobsGiveExactlyTheFiguresOfOneAndAReRunReusesThem() throws Exception {
        TokenDirectory data = TokenDirectory.read(tokens);
        Path serialReport = dir.resolve("serial");
        new EvalRunner(config(), line -> {}).run(data, Optional.empty(), serialReport);

        Path report = dir.resolve("parallel");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunScheduling twoJobs = new RunScheduling(2, OneRunChild.command(tokens, report));
        EvalResults parallel = new EvalRunner(config(), log::add, twoJobs).run(data, Optional.empty(), report);

        // bitwise: same seed, same data, same single thread, whichever process trains the run
        assertEquals(withoutTimings(serialReport), withoutTimings(report));
        String all = String.join("\n", log);
        assertEquals(2, log.stream().filter(l -> CHILD_PID.matcher(l).matches()).count(), all);
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.startsWith("[1/2 parallel 16x1x2 seed 5] step 16/16  loss ")
                                && l.contains("overall ETA")),
                all);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("[2/2 delay 16x1x2 seed 5] trained 16 steps in ")), all);
        assertEquals(
                1,
                log.stream()
                        .filter(l -> l.startsWith("[2/2 delay 16x1x2 seed 5] done: "))
                        .count(),
                all);
        for (var run : parallel.runs()) {
            Path runLog = report.resolve(run.directory()).resolve(ChildRuns.LOG);
            assertTrue(Files.readString(runLog).contains("step 16/16"), runLog.toString());
        }

        List<String> again = new ArrayList<>();
        EvalResults reused = new EvalRunner(config(), again::add, twoJobs).run(data, Optional.empty(), report);
        assertEquals(parallel.runs(), reused.runs());
        assertEquals(
                2,
                again.stream()
                        .filter(l -> l.contains("reused the finished run"))
                        .count(),
                String.join("\n", again));
        assertFalse(again.stream().anyMatch(l -> l.contains("child process")), String.join("\n", again));
    }

    @Test
    void aFailingChildFailsTheEvalNamingItsRunAndLogAndStopsTheOthers() throws Exception {
        Path report = dir.resolve("failing");
        ChildCommand children = runName -> runName.startsWith("delay")
                ? new ProcessBuilder("sh", "-c", "echo 'rvq: out of memory'; exit 3")
                : new ProcessBuilder("sleep", "60");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        IOException e = assertThrows(
                IOException.class,
                () -> new EvalRunner(config(), log::add, new RunScheduling(2, children))
                        .run(TokenDirectory.read(tokens), Optional.empty(), report));
        assertTrue((System.nanoTime() - start) / 1e9 < 30, "the sleeping child was stopped, not waited for");

        Matcher m = Pattern.compile(
                        "run delay 16x1x2 seed 5 failed \\(exit status 3\\): rvq: out of memory; its log: (.+)")
                .matcher(e.getMessage());
        assertTrue(m.matches(), e.getMessage());
        Path childLog = Path.of(m.group(1));
        assertTrue(childLog.startsWith(report.resolve(EvalRunner.RUNS)), childLog.toString());
        assertEquals("rvq: out of memory\n", Files.readString(childLog));
        long sleeper = log.stream()
                .map(CHILD_PID::matcher)
                .filter(Matcher::matches)
                .filter(l -> l.group(1).equals("parallel"))
                .mapToLong(l -> Long.parseLong(l.group(2)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", log)));
        assertFalse(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false), "the other child is stopped");
        assertFalse(Files.exists(report.resolve("results.json")), "no report from a failed eval");
    }

    /** A report's results.json without the figures that time the machine, and without the settings section. */
    static JsonNode withoutTimings(Path report) throws IOException {
        JsonNode json =
                ResultsJson.mapper().readTree(report.resolve("results.json").toFile());
        ((ObjectNode) json).remove("settings");
        strip(json);
        return json;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(TIMINGS);
        }
        node.forEach(ChildRunsTest::strip);
    }
}
