package dev.rvqlm.cli;

import static dev.rvqlm.cli.ReliabilityTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One vocabulary: complete help, old names as noted aliases, --version, and contradictions refused by name. */
class CliVocabularyTest {

    static final Pattern OPTION_LINE = Pattern.compile("^ {5}--([a-z0-9-]+)");

    @TempDir
    Path dir;

    /** Every leaf command by its words, e.g. "codec train". */
    static Map<String, Command> leaves() {
        Map<String, Command> out = new LinkedHashMap<>();
        for (Command c : Commands.all()) {
            if (c instanceof CommandGroup g) {
                g.children().forEach(child -> out.put(c.name() + " " + child.name(), child));
            } else {
                out.put(c.name(), c);
            }
        }
        return out;
    }

    @Test
    void everyHelpListsEveryOptionInItsUsageAndEndsWithTheExitStatuses() {
        for (String words : leaves().keySet()) {
            List<String> args = new ArrayList<>(List.of(words.split(" ")));
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.status(), words + ": " + run.err());
            String help = run.out();
            assertTrue(help.strip().endsWith(Arguments.EXIT_STATUS), words + " ends with the exit statuses:\n" + help);
            String usage = help.substring(0, help.indexOf("\n     --")).replaceAll("\\s+", " ");
            List<String> options = help.lines()
                    .map(OPTION_LINE::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1))
                    .toList();
            assertFalse(options.isEmpty(), words);
            for (String option : options) {
                assertTrue(usage.contains("--" + option), words + ": the usage line lacks --" + option + ":\n" + usage);
            }
        }
    }

    @Test
    void theTopLevelHelpAndGroupsEndWithTheExitStatusesToo() {
        assertTrue(CliRun.of("--help").out().strip().endsWith(Arguments.EXIT_STATUS));
        assertTrue(CliRun.of("codec", "--help").out().strip().endsWith(Arguments.EXIT_STATUS));
    }

    @Test
    void versionNamesRvqlmDjlAndPyTorch() throws Exception {
        CliRun text = CliRun.of("--version");
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().startsWith("rvqlm 0.1.0"), text.out());
        assertTrue(text.out().contains("DJL 0.35") && text.out().contains("PyTorch 2."), text.out());
        JsonNode json =
                JsonOutput.mapper().readTree(CliRun.of("--version", "--json").out());
        for (String field : List.of("rvqlm", "commit", "java", "djl", "pytorch")) {
            assertFalse(json.path(field).asText().isEmpty(), field + " in " + json);
        }
    }

    @Test
    void anOldNameWorksWithOneNoteAndAnOldAndNewNameTogetherAreRefused() {
        CliRun old = CliRun.of("patterns", "show", "--pattern", "delay", "--codebooks", "2", "--timesteps", "3");
        assertEquals(0, old.status(), old.err());
        // codec compare: --test is now --degraded; the note comes before the run fails on the missing directory
        CliRun compare = CliRun.of("codec", "compare", "--reference", dir.toString(), "--test", dir.toString());
        assertTrue(compare.err().startsWith("note: --test is now --degraded; the old name will go"), compare.err());
        CliRun both = CliRun.of("bench", "lm", "--budget", "1", "--seconds", "1");
        assertOneLine(2, both, "--budget and --seconds are the same option (--seconds): give it once");
    }

    @Test
    void helpShowsOnlyTheNewNames() {
        String train = CliRun.of("train", "--help").out();
        assertTrue(train.contains("--batch-size") && train.contains("--validation"), train);
        assertFalse(train.contains("--batch ") || train.contains("--held-out") || train.contains("--pattern"), train);
        String sample = CliRun.of("sample", "--help").out();
        assertTrue(sample.contains("--run DIR") && !sample.contains("--model"), sample);
    }

    @Test
    void optionsOfTheOtherCodecKindAndNoOpBudgetsAreRefusedByName() throws Exception {
        Path audio = Files.createDirectories(dir.resolve("audio"));
        assertOneLine(
                2,
                CliRun.of("codec", "train", "--audio", audio.toString(), "--out", "x.rvq", "--iterations", "5"),
                "--iterations does not apply to --kind fine");
        assertOneLine(
                2,
                CliRun.of(
                        "codec",
                        "train",
                        "--kind",
                        "classical",
                        "--audio",
                        audio.toString(),
                        "--out",
                        "x.rvq",
                        "--steps",
                        "10",
                        "--hidden",
                        "64"),
                "--steps, --hidden do not apply to --kind classical");
        assertOneLine(
                2,
                CliRun.of("codec", "train", "--audio", audio.toString(), "--out", "x.rvq", "--steps", "0"),
                "--steps must be in [1, 100000000], got 0");
        assertOneLine(
                2,
                CliRun.of(
                        "codec",
                        "train",
                        "--kind",
                        "classical",
                        "--audio",
                        audio.toString(),
                        "--out",
                        "x.rvq",
                        "--learning-rate",
                        "0.1"),
                "--lr does not apply to --kind classical");
        assertOneLine(
                2,
                CliRun.of("train", "--tokens", dir.toString(), "--model", "delay", "--out", "r", "--steps", "0"),
                "--steps must be in [1, 100000000], got 0");
        assertOneLine(
                2,
                CliRun.of(
                        "train",
                        "--tokens",
                        dir.toString(),
                        "--model",
                        "delay",
                        "--out",
                        "r",
                        "--steps",
                        "99999999999"),
                "--steps must be an integer, got '99999999999'");
        assertOneLine(
                2,
                CliRun.of("eval", "--tokens", dir.toString(), "--out", "r", "--held-out", "1"),
                "--test must be in (0, 1), got 1");
        assertOneLine(
                2,
                CliRun.of(
                        "sample", "--run", dir.toString(), "--timesteps", "5", "--out", "s", "--prompt-timesteps", "3"),
                "--prompt-timesteps does not apply without --prompt");
    }

    @Test
    void aDeviceOrFifoGivenAsAudioGetsTheSentenceOfEveryReader() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        for (String device : List.of("/dev/zero", fifo.toString())) {
            assertOneLine(
                    2,
                    CliRun.of(
                            "codec",
                            "train",
                            "--kind",
                            "classical",
                            "--audio",
                            device,
                            "--out",
                            dir.resolve("x.rvq").toString()),
                    "is not a regular file (a device, pipe or socket cannot be read here)");
        }
    }

    @Test
    void aGroupRefusesTwoCommandsOfOneName() {
        Command a = CliRun.stub("x");
        var e = assertThrows(
                IllegalStateException.class, () -> new CommandGroup("g", "", List.of(a, CliRun.stub("x"))));
        assertTrue(e.getMessage().contains("'g x'"), e.getMessage());
    }
}
