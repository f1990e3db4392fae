package dev.rvqlm.spark;

import dev.rvqlm.cli.Rvq;
import dev.rvqlm.cli.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of the {@code rvq} command line in this JVM (the Spark backend is on the test class path). */
record RvqRun(int status, String out, String err) {

    static RvqRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Rvq(new Terminal(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)))
                .run(args);
        return new RvqRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static RvqRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }

    /** The last line on stderr: where rvq says why it failed. */
    String lastErrorLine() {
        return err.strip().lines().reduce((a, b) -> b).orElse("");
    }
}
