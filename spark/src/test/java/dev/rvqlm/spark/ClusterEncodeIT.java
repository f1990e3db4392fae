package dev.rvqlm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Encoding on a real standalone cluster (a master and two one-core workers, each its own JVM, on loopback), driven
 * by the assembly as a user runs it.
 */
class ClusterEncodeIT {

    /** Under target/, not a JUnit temporary directory: a worker running as another user must reach it. */
    static Path dir;

    static StandaloneCluster cluster;
    static Path codec;
    static Path audio;

    /** Loopback settings for the driver; each executor gets 1 GiB (the workers offer 1400 MiB). */
    static final Map<String, String> DRIVER = Map.of(
            "spark.driver.host", "127.0.0.1",
            "spark.driver.bindAddress", "127.0.0.1",
            "spark.executor.memory", "1g");

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        dir = Files.createDirectories(Path.of("target", "it", "encode").toAbsolutePath());
        codec = TestAudio.codec(dir.resolve("codec"));
        audio = TestAudio.corpus(dir.resolve("audio"), 8);
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
}
