package dev.rvqlm.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on loopback for the tests: a master and workers, each its own JVM, started from a
 * plain Spark's jars (spark-runtime/target/jars, as a cluster's SPARK_HOME/jars) exactly as start-master.sh and
 * start-worker.sh would. Executors are the workers' child JVMs; {@link #killExecutor} kills one with SIGKILL.
 */
final class StandaloneCluster implements AutoCloseable {

    /** A worker JVM and the directory its executors work in. */
    record Worker(Process process, Path workDir, Path log) {}

    private static final Pattern ALIVE = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path home;
    private final Path jars;
    private final Process master;
    private final int port;
    private final int webPort;
    private final List<Worker> workers = new ArrayList<>();

    private StandaloneCluster(Path home, Path jars, Process master, int port, int webPort) {
        this.home = home;
        this.jars = jars;
        this.master = master;
        this.port = port;
        this.webPort = webPort;
    }

    /** The jars of a plain Spark (built by spark-runtime with -Pspark). */
    static Path sparkJars() {
        return Path.of(System.getProperty("rvq.spark.jars", "../spark-runtime/target/jars"));
    }

    /** Starts a master and {@code workers} workers of one core each, and waits until they are registered. */
    static StandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Path jars = sparkJars().toAbsolutePath();
        Files.createSymbolicLink(home.resolve("jars"), jars);
        int port = freePort();
        int webPort = freePort();
        Process master = JavaProcesses.start(
                JavaProcesses.command(
                        List.of("-Xmx256m"),
                        jars + "/*",
                        "org.apache.spark.deploy.master.Master",
                        List.of("--host", "127.0.0.1", "--port", "" + port, "--webui-port", "" + webPort)),
                env(home),
                dir.resolve("master.log"));
        StandaloneCluster cluster = new StandaloneCluster(home, jars, master, port, webPort);
        try {
            for (int i = 0; i < workers; i++) {
                cluster.addWorker(dir.resolve("worker" + i), Optional.empty());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * Starts one more worker (one core, enough memory for one 1 GiB executor), as {@code osUser} when given (via
     * runuser, so its executors cannot write what that user cannot), and waits until the master counts it.
     */
    Worker addWorker(Path dir, Optional<String> osUser) throws IOException, InterruptedException {
        Path workDir = Files.createDirectories(dir.resolve("work"));
        List<String> command = new ArrayList<>();
        if (osUser.isPresent()) {
            for (Path p = workDir; p != null; p = p.getParent()) {
                p.toFile().setExecutable(true, false);
            }
            workDir.toFile().setWritable(true, false);
            command.addAll(List.of("runuser", "-u", osUser.get(), "--"));
        }
        command.addAll(JavaProcesses.command(
                List.of("-Xmx256m"),
                jars + "/*",
                "org.apache.spark.deploy.worker.Worker",
                List.of(
                        "--host",
                        "127.0.0.1",
                        "--cores",
                        "1",
                        "--memory",
                        "1400m",
                        "--webui-port",
                        "" + freePort(),
                        "--work-dir",
                        workDir.toString(),
                        masterUrl())));
        Path log = dir.resolve("worker.log");
        Worker worker = new Worker(JavaProcesses.start(command, env(home), log), workDir, log);
        workers.add(worker);
        awaitAliveWorkers(workers.size());
        return worker;
    }

    /** Stops a worker (its executors go with it) and waits until the master no longer counts it. */
    void removeWorker(Worker worker) throws InterruptedException {
        stop(worker.process());
        workers.remove(worker);
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** The executor JVMs running now (children of the workers). */
    List<ProcessHandle> executors() {
        return workers.stream()
                .flatMap(w -> w.process().toHandle().descendants())
                .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
    }

    /** kill -9 of one executor JVM; returns its pid. */
    long killExecutor(ProcessHandle executor) {
        executor.destroyForcibly();
        return executor.pid();
    }

    private void awaitAliveWorkers(int n) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("the Spark master exited; see its log in " + home.getParent());
            }
            try {
                String json = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher m = ALIVE.matcher(json);
                if (m.find() && Integer.parseInt(m.group(1)) >= n) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(
                "the Spark master did not count " + n + " workers within 90 s; logs in " + home.getParent());
    }

    private static Map<String, String> env(Path home) {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_NO_DAEMONIZE", "1");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() throws InterruptedException {
        for (Worker w : List.copyOf(workers)) {
            stop(w.process());
        }
        stop(master);
    }
}
