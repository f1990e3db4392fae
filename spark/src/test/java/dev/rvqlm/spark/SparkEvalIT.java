package dev.rvqlm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rvq eval --spark local[2]} against {@code --jobs 1}: the same results.json, and runs reused across modes. */
class SparkEvalIT {

    @TempDir
    static Path dir;

    static Path tokens;

    @BeforeAll
    static void data() throws IOException {
        tokens = TestTokens.write(dir.resolve("tokens"));
    }

    static RvqRun eval(Path out, List<String> extra, String... patterns) {
        List<String> args = new ArrayList<>(TestTokens.tinyEval(tokens, out, patterns));
        args.addAll(extra);
        return RvqRun.of(args.toArray(String[]::new));
    }

    private static String verdict(String out) {
        return out.lines()
                .filter(l -> l.startsWith("Held-out bits/s"))
                .findFirst()
                .orElse("no verdict in " + out);
    }

    @Test
    void sparkGridEqualsJobsOneAndRunsAreReusedAcrossModes() throws IOException {
        Path serial = dir.resolve("serial");
        RvqRun local = eval(serial, List.of("--jobs", "1"), "parallel", "delay");
        assertEquals(0, local.status(), local.err());

        Path spark = dir.resolve("spark");
        RvqRun s = eval(spark, List.of("--spark", "local[2]"), "parallel", "delay");
        assertEquals(0, s.status(), s.err());
        assertEquals(Reports.withoutTimings(serial), Reports.withoutTimings(spark));
        assertTrue(s.err().contains("training 2 runs on Spark"), s.err());
        assertTrue(s.err().contains("[2/2]"), s.err());
        assertTrue(s.err().contains("UI http://127.0.0.1:"), s.err());
        assertEquals(verdict(local.out()), verdict(s.out()), "the same verdict");

        // started locally, finished on Spark: the local run is reused, only the other one goes to Spark
        Path mixed = dir.resolve("mixed");
        assertEquals(0, eval(mixed, List.of(), "parallel").status());
        RvqRun finish = eval(mixed, List.of("--spark", "local[2]"), "parallel", "delay");
        assertEquals(0, finish.status(), finish.err());
        assertTrue(finish.err().contains("reused the finished run"), finish.err());
        assertTrue(finish.err().contains("training 1 run on Spark"), finish.err());
        assertEquals(Reports.withoutTimings(serial), Reports.withoutTimings(mixed));

        // and the other way round: a local eval reuses what Spark trained
        RvqRun again = eval(mixed, List.of(), "parallel", "delay");
        assertEquals(0, again.status(), again.err());
        assertEquals(
                2,
                again.err()
                        .lines()
                        .filter(l -> l.contains("reused the finished run"))
                        .count(),
                again.err());
    }
}
