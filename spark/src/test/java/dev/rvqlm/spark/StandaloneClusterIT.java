package dev.rvqlm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rvq on a real standalone cluster (a master and two one-core workers, each its own JVM, on loopback), driven by the
 * assembly as a user runs it: encode, the executors' write probe, an eval that loses an executor, a run that fails on
 * every attempt.
 */
class StandaloneClusterIT {

    /** Under target/, not a JUnit temporary directory: a worker running as another user must reach it. */
    static Path dir;

    static StandaloneCluster cluster;
    static Path codec;
    static Path audio;
    static Path tokens;

    /** Loopback settings for the driver; each executor gets 1 GiB (the workers offer 1400 MiB). */
    static final Map<String, String> DRIVER = Map.of(
            "spark.driver.host", "127.0.0.1",
            "spark.driver.bindAddress", "127.0.0.1",
            "spark.executor.memory", "1g");

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        dir = Path.of("target", "it", "standalone").toAbsolutePath();
        TokenDirectories.deleteTree(dir); // an earlier run's reports would be reused
        Files.createDirectories(dir);
        codec = TestAudio.codec(dir.resolve("codec"));
        audio = TestAudio.corpus(dir.resolve("audio"), 8);
        tokens = TestTokens.write(dir.resolve("tokens"));
        cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void encodeOnTwoWorkersIsByteIdenticalToLocalEncode() throws IOException, InterruptedException {
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        RvqRun l = RvqRun.of(
                "encode", "--codec", codec.toString(), "--audio", audio.toString(), "--out", local.toString());
        assertEquals(0, l.status(), l.err());
        AssemblyRun s = AssemblyRun.of(
                List.of(
                        "encode",
                        "--codec",
                        codec.toString(),
                        "--audio",
                        audio.toString(),
                        "--out",
                        spark.toString(),
                        "--spark",
                        cluster.masterUrl()),
                DRIVER,
                dir.resolve("spark-encode.log"),
                240);
        assertEquals(0, s.status(), s.output());
        assertTrue(s.output().contains("master " + cluster.masterUrl()), s.output());
        assertTrue(s.output().contains("[8/8]"), s.output());
        TokenDirectories.assertIdentical(local, spark);
    }

    @Test
    void anOutputOneExecutorCannotWriteIsFoundBeforeAnyWork() throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a worker as another user");
        Path out = dir.resolve("root-only").resolve("tokens");
        Files.createDirectories(out.getParent());
        Files.setPosixFilePermissions(out.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        StandaloneCluster.Worker nobody =
                cluster.addWorker(dir.resolve("cluster").resolve("worker-nobody"), Optional.of("nobody"));
        try {
            AssemblyRun s = AssemblyRun.of(
                    List.of(
                            "encode",
                            "--codec",
                            codec.toString(),
                            "--audio",
                            audio.toString(),
                            "--out",
                            out.toString(),
                            "--spark",
                            cluster.masterUrl()),
                    DRIVER,
                    dir.resolve("probe.log"),
                    240);
            assertEquals(2, s.status(), s.output());
            assertTrue(
                    s.lastLine().matches("rvq: " + out + ": cannot be written from executor \\d+ on 127.0.0.1: .*"),
                    s.output());
            assertFalse(s.output().contains("[1/8]"), "nothing was encoded:\n" + s.output());
        } finally {
            cluster.removeWorker(nobody);
        }
    }

    @Test
    void anEvalThatLosesAnExecutorMidRunFinishesWithTheUninterruptedResult() throws Exception {
        Path reference = dir.resolve("eval-reference");
        RvqRun local = RvqRun.of(longRun(TestTokens.tinyEval(tokens, reference, "delay")));
        assertEquals(0, local.status(), local.err());

        Path report = dir.resolve("eval-killed");
        Path log = dir.resolve("eval-killed.log");
        List<String> evalArgs =
                args(longRun(TestTokens.tinyEval(tokens, report, "delay")), List.of("--spark", cluster.masterUrl()));
        Process driver = AssemblyRun.start(evalArgs, DRIVER, log);
        Path runLog = awaitRunLogStep(report, 50, driver, log);
        Matcher executor = Pattern.compile("on executor (\\d+)").matcher(Files.readString(runLog));
        assertTrue(executor.find(), Files.readString(runLog));
        ProcessHandle victim = cluster.executors().stream()
                .filter(h -> h.info().commandLine().orElse("").contains("--executor-id " + executor.group(1) + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JVM of executor " + executor.group(1)));
        String before = lastStepLine(Files.readString(runLog));
        cluster.killExecutor(victim);
        System.out.println("killed executor " + executor.group(1) + " (pid " + victim.pid() + ") at: " + before);

        assertTrue(driver.waitFor(600, TimeUnit.SECONDS), "the eval did not finish:\n" + Files.readString(log));
        String output = Files.readString(log);
        System.out.println(output);
        assertEquals(0, driver.exitValue(), output);
        assertTrue(output.contains("attempt 1 of delay 16x1x2 seed 5 failed on executor " + executor.group(1)), output);
        assertTrue(output.contains("(attempt 2)"), output);
        assertEquals(Reports.withoutTimings(reference), Reports.withoutTimings(report));
        // each executor that trained unpacked PyTorch into its own working directory, none shared
        List<Path> caches = new ArrayList<>();
        for (StandaloneCluster.Worker w : cluster.workers()) {
            try (var files = Files.walk(w.workDir())) {
                files.filter(f -> f.getFileName().toString().startsWith("libtorch_cpu"))
                        .forEach(caches::add);
            }
        }
        assertTrue(caches.size() >= 2, "the killed executor's and its successor's: " + caches);
        for (Path lib : caches) {
            assertTrue(lib.toString().contains("/djl-cache/"), lib.toString());
        }
        assertEquals(
                caches.size(), caches.stream().map(Path::getParent).distinct().count(), caches.toString());
    }

    @Test
    void aRunThatFailsOnEveryAttemptFailsTheEvalNamingItAndItsLog() throws Exception {
        Path report = dir.resolve("eval-broken");
        RvqRun local = RvqRun.of(args(TestTokens.tinyEval(tokens, report, "parallel", "delay"), List.of()));
        assertEquals(0, local.status(), local.err());
        Path broken = null;
        Path other = null;
        try (var runs = Files.list(report.resolve("runs"))) {
            for (Path run : runs.toList()) {
                Files.delete(run.resolve("result.json"));
                if (run.getFileName().toString().startsWith("delay")) {
                    broken = run; // its settings can no longer be recorded: every attempt fails
                    Files.delete(run.resolve("settings.json"));
                    Files.createDirectory(run.resolve("settings.json"));
                } else {
                    other = run;
                }
            }
        }
        AssemblyRun s = AssemblyRun.of(
                args(TestTokens.tinyEval(tokens, report, "parallel", "delay"), List.of("--spark", cluster.masterUrl())),
                DRIVER,
                dir.resolve("eval-broken.log"),
                600);
        assertEquals(1, s.status(), s.output());
        assertTrue(
                s.lastLine()
                        .matches(
                                "rvq: delay 16x1x2 seed 5 failed on every attempt \\(4\\): .*settings\\.json.*; its log: "
                                        + Pattern.quote(
                                                broken.resolve("run.log").toString())),
                s.lastLine());
        assertTrue(Files.readString(broken.resolve("run.log")).contains("attempt 4 of delay 16x1x2 seed 5"));
        assertTrue(Files.exists(other.resolve("result.json")), "the other run's result stays on storage");
    }

    /**
     * 4000 steps: long enough to kill its executor in the middle (a run's progress lines come every few seconds, and
     * this tiny model trains some 200 steps a second).
     */
    private static List<String> longRun(List<String> args) {
        return TestTokens.with(TestTokens.with(args, "steps", "4000"), "eval-every", "500");
    }

    @SafeVarargs
    private static List<String> args(List<String> base, List<String>... more) {
        List<String> all = new ArrayList<>(base);
        for (List<String> m : more) {
            all.addAll(m);
        }
        return all;
    }

    /** Waits until a run's log shows training at step {@code step} or later; returns the log. */
    private static Path awaitRunLogStep(Path report, int step, Process driver, Path driverLog) throws Exception {
        Pattern stepLine = Pattern.compile("\"step\":(\\d+)"); // run.log holds the run's JSON progress lines
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertTrue(driver.isAlive(), "the driver exited:\n" + Files.readString(driverLog));
            if (Files.isDirectory(report.resolve("runs"))) {
                try (var runs = Files.list(report.resolve("runs"))) {
                    for (Path run : runs.toList()) {
                        Path log = run.resolve("run.log");
                        if (Files.exists(log)) {
                            Matcher m = stepLine.matcher(Files.readString(log));
                            while (m.find()) {
                                if (Integer.parseInt(m.group(1)) >= step) {
                                    return log;
                                }
                            }
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no run reached step " + step + ":\n" + Files.readString(driverLog));
    }

    private static String lastStepLine(String log) {
        return log.lines().filter(l -> l.contains("step ")).reduce((a, b) -> b).orElse("");
    }
}
