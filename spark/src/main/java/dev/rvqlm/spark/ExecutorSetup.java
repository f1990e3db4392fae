package dev.rvqlm.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;

/**
 * What every executor JVM needs before a task touches DJL, done once per JVM at the start of each task:
 * <ul>
 *   <li>DJL offline and without its start-up call home (also set through the executors' Java options and
 *       environment, see {@link SparkCluster});</li>
 *   <li>PyTorch's native library unpacked into this executor's own working directory ({@code djl-cache/} there:
 *       {@code work/APP/EXECUTOR/} on a standalone worker, the container's directory on YARN, the pod's on
 *       Kubernetes), never a directory another executor on the same machine unpacks into at the same time. An
 *       {@code ENGINE_CACHE_DIR} or {@code DJL_CACHE_DIR} set by the user wins.</li>
 * </ul>
 * The driver (and {@code local[*]}, where the driver is the executor) keeps DJL's usual cache in the home directory,
 * as every other rvq command does.
 */
public final class ExecutorSetup {

    /** The directory below an executor's working directory that holds its unpacked native libraries. */
    public static final String CACHE = "djl-cache";

    private static volatile boolean done;
    private static Path scratch;

    private ExecutorSetup() {}

    public static void ensure() {
        if (done) {
            return;
        }
        synchronized (ExecutorSetup.class) {
            if (done) {
                return;
            }
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("OPT_OUT_TRACKING", "true");
            System.setProperty("java.awt.headless", "true");
            SparkEnv env = SparkEnv.get();
            boolean executor = env != null && !"driver".equals(env.executorId());
            if (executor && !userChose("ENGINE_CACHE_DIR") && !userChose("DJL_CACHE_DIR")) {
                String cache = Path.of("").toAbsolutePath().resolve(CACHE).toString();
                System.setProperty("DJL_CACHE_DIR", cache);
                System.setProperty("ENGINE_CACHE_DIR", cache);
            }
            if (executor && System.getProperty("ai.djl.pytorch.num_threads") == null) {
                // PyTorch uses the cores Spark gave each task, not every core of the machine
                System.setProperty("ai.djl.pytorch.num_threads", env.conf().get("spark.task.cpus", "1"));
            }
            done = true;
        }
    }

    /**
     * Where this JVM keeps local copies of remote inputs: {@code rvq-copies/} in an executor's working directory
     * (removed with the application's), a temporary directory on the driver (removed when it exits).
     */
    public static synchronized Path scratch() throws IOException {
        if (scratch == null) {
            SparkEnv env = SparkEnv.get();
            boolean executor = env != null && !"driver".equals(env.executorId());
            if (executor) {
                scratch = Files.createDirectories(Path.of("").toAbsolutePath().resolve("rvq-copies"));
            } else {
                Path dir = Files.createTempDirectory("rvq-spark-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                scratch = dir;
            }
        }
        return scratch;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the system's cleaner removes what is left
        }
    }

    private static boolean userChose(String name) {
        return System.getProperty(name) != null || System.getenv(name) != null;
    }
}
