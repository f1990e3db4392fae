package dev.rvqlm.cli.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The live sampling line, on a clock the test moves. */
class SamplingProgressTest {

    @Test
    void quietForShortSamplesThenRateAndEtaEveryTwoSeconds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        SamplingProgress progress =
                new SamplingProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100, 1100, () -> now[0]);
        now[0] = 1_000_000_000L;
        progress.accept(200);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing within the first two seconds");
        now[0] = 4_000_000_000L;
        progress.accept(500); // 400 frames in 4 s: 100 frames/s, 600 to go
        String line = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("frame 500/1100") && line.contains("100.0 frames/s") && line.contains("ETA 6s"), line);
        now[0] = 5_000_000_000L;
        progress.accept(1100);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("\n"), "the finished line ends the live line");
    }

    @Test
    void aShortSampleNeverPrints() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        SamplingProgress progress =
                new SamplingProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0, 50, () -> now[0]);
        now[0] = 500_000_000L;
        progress.accept(50);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
