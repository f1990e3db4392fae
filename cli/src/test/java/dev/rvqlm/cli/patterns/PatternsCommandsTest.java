package dev.rvqlm.cli.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.cli.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PatternsCommandsTest {

    @Test
    void showDrawsTheDelayGrid() {
        CliRun run = CliRun.of("patterns", "show", "--pattern", "delay", "--codebooks", "2", "--timesteps", "3");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("""
                step  0 1 2 3 4
                k=0     0 1 2
                k=1       0 1 2
                """), run.out());
        assertTrue(run.out().contains("sequence steps: 4   max delay: 1   valid layout length: 4"), run.out());
    }

    @Test
    void showPrintsJson() {
        CliRun run = CliRun.of(
                "patterns",
                "show",
                "--pattern",
                "partial-flatten:flattening=0,1",
                "--codebooks",
                "2",
                "--timesteps",
                "2",
                "--json");
        assertEquals(0, run.status());
        assertEquals(
                "{\"layout\":[[],[[0,0]],[[0,1]],[[1,0]],[[1,1]]],\"num_sequence_steps\":4,"
                        + "\"max_delay\":0,\"valid_layout_len\":5}",
                run.out().trim());
    }

    @Test
    void listNamesEveryPattern() {
        CliRun run = CliRun.of("patterns", "list");
        assertEquals(0, run.status());
        for (String name :
                new String[] {"parallel", "delay", "flatten", "partial-flatten", "coarse-first", "valle", "musiclm"}) {
            assertTrue(run.out().lines().anyMatch(line -> line.startsWith(name + " ")), name);
        }
    }

    @Test
    void verifyReportsEachFailingCaseAndTheTotals() throws URISyntaxException {
        Path golden = Path.of(getClass().getResource("/golden/three-cases.json").toURI());
        CliRun run = CliRun.of("patterns", "verify", "--golden", golden.toString());
        assertEquals(1, run.status());
        assertEquals(2, run.out().lines().count(), run.out());
        assertTrue(
                run.out()
                        .startsWith("FAIL tampered/delay/DelayedPatternProvider()/K2/T1: max_delay differs: "
                                + "expected 7, got 1"),
                run.out());
        assertTrue(run.out().endsWith("2 passed, 1 failed\n"), run.out());
    }

    @Test
    void badArgumentsGiveOneLineAndStatusTwo() {
        CliRun sorted = CliRun.of(
                "patterns", "show", "--pattern", "delay:delays=0,3,2", "--codebooks", "3", "--timesteps", "4");
        assertEquals(2, sorted.status());
        assertEquals("rvq: delays must be sorted: 0,3,2\n", sorted.err());

        CliRun missing = CliRun.of("patterns", "show", "--pattern", "delay", "--codebooks", "3");
        assertEquals(2, missing.status());
        assertEquals("rvq: missing required option --timesteps\n", missing.err());

        CliRun noFile = CliRun.of("patterns", "verify", "--golden", "no-such-file.json");
        assertEquals(2, noFile.status());
        assertEquals("rvq: no such file: no-such-file.json\n", noFile.err());

        CliRun unknown = CliRun.of("patterns", "draw");
        assertEquals(2, unknown.status());
        assertEquals("rvq: unknown command 'patterns draw' (one of: list, show, verify)\n", unknown.err());
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run =
                CliRun.of("--verbose", "patterns", "show", "--pattern", "nope", "--codebooks", "3", "--timesteps", "4");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("rvq: unknown pattern 'nope'"), run.err());
        assertTrue(run.err().contains("\tat dev.rvqlm.patterns"), run.err());
    }

    @Test
    void aFileThatIsNotGoldenIsNamed() throws URISyntaxException {
        Path notGolden = Path.of(
                        getClass().getResource("/golden/three-cases.json").toURI())
                .getParent();
        CliRun run = CliRun.of("patterns", "verify", "--golden", notGolden.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("rvq: "), run.err());
    }
}
