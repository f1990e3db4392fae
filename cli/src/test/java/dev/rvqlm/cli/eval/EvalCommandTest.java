package dev.rvqlm.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.cli.CliRun;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    Path dir;

    /** Four token files of 60 frames, K=2, N=8, at 25 frames/s. */
    private Path tokens() throws Exception {
        Path tokens = dir.resolve("tokens");
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            int[][] codes = new int[2][60];
            for (int t = 0; t < 60; t++) {
                codes[0][t] = (t / 3 + f) % 8;
                codes[1][t] = (t + 2 * f) % 8;
            }
            TokenFiles.write(tokens.resolve("p" + f + ".npy"), codes, 8);
            entries.add(new TokenManifest.Entry("p" + f + ".npy", 60, "p" + f + ".wav"));
        }
        new TokenManifest(TokenManifest.FORMAT_VERSION, "cli-test", 24000, 25.0, 2, 8, entries).write(tokens);
        return tokens;
    }

    /** {@code rvq eval} of parallel and flatten on {@link #tokens()} with a toy model: seconds. */
    /** Runs {@code args} with {@code more}'s option/value pairs: an option given in more replaces the one in args. */
    private static CliRun run(List<String> args, String... more) throws Exception {
        for (int i = 0; i + 1 < more.length; i += 2) {
            int at = args.indexOf(more[i]);
            if (at >= 0) {
                args.set(at + 1, more[i + 1]);
            } else {
                args.addAll(List.of(more[i], more[i + 1]));
            }
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    private CliRun tinyEval(Path report, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "eval",
                "--tokens",
                tokens().toString(),
                "--out",
                report.toString(),
                "--pattern",
                "parallel",
                "--pattern",
                "flatten",
                "--dim",
                "16",
                "--layers",
                "1",
                "--heads",
                "2",
                "--timesteps",
                "12",
                "--batch",
                "2",
                "--steps",
                "3",
                "--warmup",
                "1",
                "--held-out",
                "0.25",
                "--prompts",
                "2",
                "--prompt-seconds",
                "0.2",
                "--continuation-seconds",
                "0.4",
                "--top-k",
                "4"));
        return run(args, more);
    }

    @Test
    void evalPrintsTheSummaryAndWritesTheReport() throws Exception {
        Path report = dir.resolve("report");
        CliRun run = tinyEval(report);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("pattern"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("parallel ")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("flatten ")), run.out());
        assertTrue(run.out().contains("The MusicGen comparison needs"), run.out());
        assertTrue(run.out().contains("report: " + report.resolve("report.html")), run.out());
        assertTrue(run.err().contains("[2/2 flatten 16x1x2 seed 0] step 3/3"), run.err());
        assertTrue(Files.isRegularFile(report.resolve("results.json")));
        assertTrue(Files.isRegularFile(report.resolve("report.html")));
    }

    @Test
    void twoJobsTrainTheRunsInChildProcessesOfRvqItself() throws Exception {
        Path report = dir.resolve("report");
        CliRun run = tinyEval(report, "--jobs", "2");
        assertEquals(0, run.status(), run.err());
        assertEquals(
                2,
                run.err()
                        .lines()
                        .filter(l -> l.contains("] training in child process "))
                        .count(),
                run.err());
        assertTrue(run.err().contains("[2/2 flatten 16x1x2 seed 0] step 3/3"), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("flatten ")), run.out());
        try (var runs = Files.list(report.resolve("runs"))) {
            for (Path runDir : runs.toList()) {
                String log = Files.readString(runDir.resolve("run.log"));
                assertTrue(log.contains("{\"event\":\"step\",\"step\":3,\"steps\":3,"), log); // JSON lines
                assertTrue(Files.isRegularFile(runDir.resolve("result.json")), runDir.toString());
            }
        }

        CliRun zero = CliRun.of("eval", "--tokens", tokens().toString(), "--out", report.toString(), "--jobs", "0");
        assertEquals(2, zero.status());
        assertEquals("rvq: --jobs must be at least 1, got 0\n", zero.err());
    }

    /** {@code rvq eval --sizes} of parallel and flatten at two toy sizes, validated every 2 of 4 steps. */
    private CliRun tinyFrontier(Path report, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "eval",
                "--tokens",
                tokens().toString(),
                "--out",
                report.toString(),
                "--model",
                "parallel",
                "--model",
                "flatten",
                "--sizes",
                "8x1,16x1x2",
                "--timesteps",
                "12",
                "--batch-size",
                "2",
                "--steps",
                "4",
                "--warmup",
                "1",
                "--eval-every",
                "2",
                "--test",
                "0.25",
                "--seeds",
                "2",
                "--prompts",
                "1",
                "--prompt-seconds",
                "0.2",
                "--continuation-seconds",
                "0.2",
                "--top-k",
                "4"));
        return run(args, more);
    }

    @Test
    void aSizesEvalTrainsEveryPatternAtEverySizeAndReportsTheFrontierFirst() throws Exception {
        Path report = dir.resolve("frontier");
        CliRun run = tinyFrontier(report);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("[8/8 "), "2 patterns x 2 sizes x 2 seeds: " + run.err());
        String md = Files.readString(report.resolve("report.md"));
        String first = md.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .findFirst()
                .orElseThrow();
        assertTrue(first.startsWith("Compute frontier (validation bits/s of the best of 2 sizes"), first);
        assertTrue(first.contains("leads"), first);
        assertTrue(md.contains("## Compute frontier: best validation bits/s"), md);
        assertTrue(md.contains("## Gain over the unigram baseline"), md);
        assertTrue(Files.isRegularFile(report.resolve("frontier.png")));
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.resolve("results.json").toFile());
        assertEquals(8, json.get("runs").size());
        assertEquals(2, json.get("frontier").get("models").size());
        assertEquals(
                json.get("frontier").get("flops").size(),
                json.get("frontier").get("models").get(0).get("bits_per_second").size());
        assertEquals(2, json.get("unigram").size(), "one baseline per seed");
    }

    @Test
    void sizesAndSplitListsAreCheckedOnTheCommandLine() throws Exception {
        Path report = dir.resolve("bad");
        CliRun both = tinyFrontier(report, "--dim", "32");
        assertEquals(2, both.status());
        assertEquals("rvq: --sizes and --dim cannot be combined: give every size in --sizes\n", both.err());
        CliRun size = tinyFrontier(report, "--sizes", "8y1");
        assertEquals(2, size.status());
        assertTrue(size.err().startsWith("rvq: model size '8y1'"), size.err());
        CliRun lists = tinyFrontier(report, "--split-lists", "a.txt,b.txt");
        assertEquals(2, lists.status());
        assertTrue(lists.err().contains("--split-lists takes three list files"), lists.err());
        Path train = Files.write(dir.resolve("train.txt"), List.of("clips/p0.wav", "clips/p1.wav"));
        Path valid = Files.write(dir.resolve("valid.txt"), List.of("clips/p2.wav"));
        Path test = Files.write(dir.resolve("test.txt"), List.of("clips/p3.wav"));
        CliRun listed = tinyFrontier(report, "--split-lists", train + "," + valid + "," + test, "--sizes", "8x1");
        assertEquals(0, listed.status(), listed.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.resolve("results.json").toFile());
        assertEquals(
                "p3.npy",
                json.get("runs")
                        .get(0)
                        .get("test")
                        .get("by_file")
                        .get("files")
                        .get(0)
                        .asText());
    }

    @Test
    void badInputGivesOneLineAndStatusTwo() throws Exception {
        CliRun missing = CliRun.of("eval", "--out", dir.resolve("r").toString());
        assertEquals(2, missing.status());
        assertEquals("rvq: missing required option --tokens\n", missing.err());

        CliRun budget = CliRun.of(
                "eval",
                "--tokens",
                tokens().toString(),
                "--out",
                dir.resolve("r").toString(),
                "--budget",
                "joules");
        assertEquals(2, budget.status());
        assertEquals("rvq: budget must be 'steps' or 'flops', got 'joules'\n", budget.err());

        CliRun pattern = CliRun.of(
                "eval",
                "--tokens",
                tokens().toString(),
                "--out",
                dir.resolve("r").toString(),
                "--model",
                "zigzag");
        assertEquals(2, pattern.status());
        assertTrue(pattern.err().startsWith("rvq: --model: unknown pattern 'zigzag'"), pattern.err());

        CliRun noTokens = CliRun.of(
                "eval",
                "--tokens",
                dir.resolve("nowhere").toString(),
                "--out",
                dir.resolve("r").toString());
        assertEquals(2, noTokens.status());
        assertTrue(noTokens.err().startsWith("rvq: no such file: "), noTokens.err());
    }

    @Test
    void helpEndsWithExamples() {
        CliRun eval = CliRun.of("eval", "--help");
        assertEquals(0, eval.status());
        assertTrue(eval.out().contains("--budget"), eval.out());
        assertTrue(
                eval.out().contains("--jobs <J>")
                        && eval.out().replaceAll("\\s+", " ").contains("max(1, threads / J)"),
                eval.out());
        assertTrue(!eval.out().contains("only-run"), "the children's option stays hidden");
        assertTrue(eval.out().contains("examples:\n  rvq eval --tokens tokens/"), eval.out());
        CliRun demo = CliRun.of("demo", "--help");
        assertEquals(0, demo.status());
        assertTrue(demo.out().contains("examples:\n  rvq demo"), demo.out());
    }
}
