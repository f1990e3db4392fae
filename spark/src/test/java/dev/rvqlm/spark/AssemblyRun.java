package dev.rvqlm.spark;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code rvq} run as the launcher runs it with {@code --spark}: a JVM on spark/target/rvq-spark.jar and a plain
 * Spark's jars, so the tests drive the assembly a user gets (and that executors receive).
 *
 * @param status exit status
 * @param output stdout and stderr together
 */
record AssemblyRun(int status, String output) {

    static Path assembly() {
        return Path.of(System.getProperty("rvq.spark.assembly", "target/rvq-spark.jar"))
                .toAbsolutePath();
    }

    /** Starts rvq with {@code args}; {@code properties} become -D options (spark.* settings, for instance). */
    static Process start(List<String> args, Map<String, String> properties, Path log) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx1g", "-Dai.djl.offline=true", "-Djava.awt.headless=true"));
        properties.forEach((k, v) -> options.add("-D" + k + "=" + v));
        return JavaProcesses.start(
                JavaProcesses.command(
                        options,
                        assembly() + ":" + StandaloneCluster.sparkJars().toAbsolutePath() + "/*",
                        "dev.rvqlm.cli.Rvq",
                        args),
                Map.of(),
                log);
    }

    /** Runs rvq to its end (at most {@code timeoutSeconds}). */
    static AssemblyRun of(List<String> args, Map<String, String> properties, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        Process p = start(args, properties, log);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("rvq " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log));
        }
        return new AssemblyRun(p.exitValue(), Files.readString(log));
    }

    /** The last line: where rvq says why it failed. */
    String lastLine() {
        return output.strip().lines().reduce((a, b) -> b).orElse("");
    }
}
