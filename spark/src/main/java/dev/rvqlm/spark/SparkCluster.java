package dev.rvqlm.spark;

import dev.rvqlm.spark.storage.HadoopSettings;
import dev.rvqlm.spark.storage.Storage;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark context for one rvq command: checked master, executors set up for DJL, rvq's assembly shipped to them, and
 * the Spark UI's address said. Everything Spark reads from {@code spark.*} system properties or spark-submit's
 * {@code --conf} still applies ({@code spark.executor.memory}, {@code spark.task.maxFailures}, ...).
 */
public final class SparkCluster implements AutoCloseable {

    /**
     * Options every executor JVM gets, whatever the user adds: DJL offline, no display, and the vector module
     * (without it the LM's Java sampling engine falls back to loops about five times slower).
     */
    static final String EXECUTOR_JAVA_OPTIONS =
            "--add-modules jdk.incubator.vector -Dai.djl.offline=true -Djava.awt.headless=true";
    /** How long a cluster master may take to give this application its first executor. */
    static final String EXECUTOR_WAIT = "spark.rvq.executorWaitSeconds";

    private final JavaSparkContext context;
    private final Storage storage;

    private SparkCluster(JavaSparkContext context) {
        this.context = context;
        this.storage = new Storage(HadoopSettings.of(context.getConf()));
    }

    /**
     * Starts Spark on {@code master} (checked first: an unreachable standalone master fails within seconds) and, on
     * a cluster, waits for the first executor.
     */
    public static SparkCluster connect(SparkMaster master, String appName, Consumer<String> log, boolean training) {
        master.requireReachable();
        SparkConf conf = configure(new SparkConf(), master, appName);
        if (training) {
            oneTrainingPerExecutor(conf, master);
        }
        SparkCluster cluster = new SparkCluster(new JavaSparkContext(conf));
        try {
            cluster.awaitExecutors(master, log);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        log.accept("Spark: " + cluster.describe());
        return cluster;
    }

    static SparkConf configure(SparkConf conf, SparkMaster master, String appName) {
        master.url().ifPresent(conf::setMaster);
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.executorEnv.OPT_OUT_TRACKING", "true");
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", conf.get("spark.executor.cores", "1"));
        String options = conf.get("spark.executor.extraJavaOptions", "");
        if (!options.contains("-Dai.djl.offline")) {
            conf.set("spark.executor.extraJavaOptions", (options + " " + EXECUTOR_JAVA_OPTIONS).strip());
        }
        // rvq prints its own progress lines; Spark's console bar would overwrite them
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master.local()) {
            // one machine: the driver on loopback, not on whatever address the host name resolves to
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else {
            assemblyJar().ifPresent(jar -> {
                String jars = conf.get("spark.jars", "");
                if (!jars.contains(jar.getFileName().toString())) {
                    conf.set("spark.jars", jars.isEmpty() ? jar.toString() : jars + "," + jar);
                }
            });
        }
        return conf;
    }

    /**
     * An executor trains one run at a time (DJL's PyTorch engine allows one gradient collector per JVM), with all
     * the cores it was given: unless the user set {@code spark.task.cpus}, a task takes all of an executor's cores
     * ({@code spark.executor.cores}, or N of {@code local[N]}), and its PyTorch threads follow.
     */
    static void oneTrainingPerExecutor(SparkConf conf, SparkMaster master) {
        if (conf.contains("spark.task.cpus")) {
            return;
        }
        if (master.local()) {
            conf.set("spark.task.cpus", Integer.toString(master.localThreads()));
        } else if (conf.contains("spark.executor.cores")) {
            conf.set("spark.task.cpus", conf.get("spark.executor.cores"));
        }
    }

    /** The jar this class was loaded from (rvq's Spark assembly), which executors need; empty when run from classes. */
    static Optional<Path> assemblyJar() {
        try {
            Path location = Path.of(SparkCluster.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void awaitExecutors(SparkMaster master, Consumer<String> log) {
        if (master.local()) {
            return;
        }
        long waitSeconds = context.getConf().getLong(EXECUTOR_WAIT, 120);
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        boolean said = false;
        while (executors() == 0) {
            if (context.sc().isStopped()) {
                throw new IllegalArgumentException("--spark " + master.url().orElse("submit")
                        + ": Spark stopped before any executor started (see Spark's log lines above)");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "--spark %s: no executor started within %d s; does the cluster have free cores and the "
                                + "memory asked for (spark.executor.memory=%s)? (%s=SECONDS waits longer)",
                        master.url().orElse("submit"),
                        waitSeconds,
                        context.getConf().get("spark.executor.memory", "1g"),
                        EXECUTOR_WAIT));
            }
            if (!said) {
                log.accept("Spark: waiting for executors (UI " + uiAddress() + ")");
                said = true;
            }
            sleep(200);
        }
    }

    /** Executors registered now (the driver not counted; in local mode the driver runs the tasks: 0). */
    public int executors() {
        // one block manager per executor, plus the driver's
        return context.sc().getExecutorMemoryStatus().size() - 1;
    }

    /** Tasks that can run at once: the cores Spark counts, over the cores each task takes. */
    public int slots() {
        return Math.max(1, context.defaultParallelism() / context.getConf().getInt("spark.task.cpus", 1));
    }

    public String uiAddress() {
        scala.Option<String> url = context.sc().uiWebUrl();
        return url.isDefined() ? url.get() : "off (spark.ui.enabled=false)";
    }

    public String describe() {
        return String.format(
                Locale.ROOT,
                "master %s, application %s, %s, %d task slots; UI %s",
                context.master(),
                context.sc().applicationId(),
                executors() == 0
                        ? "tasks run in this JVM"
                        : executors() + (executors() == 1 ? " executor" : " executors") + " so far",
                slots(),
                uiAddress());
    }

    public JavaSparkContext context() {
        return context;
    }

    public Storage storage() {
        return storage;
    }

    @Override
    public void close() {
        context.stop();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Spark executors", e);
        }
    }
}
