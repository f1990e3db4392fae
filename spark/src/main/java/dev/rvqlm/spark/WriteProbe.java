package dev.rvqlm.spark;

import dev.rvqlm.spark.storage.Storage;
import dev.rvqlm.tokens.IoProblems;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.FileSystemException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;

/**
 * Checks, before any work, that the driver and every executor can write into a directory on shared storage: each
 * writes and deletes a small file there. A cluster whose executors run as another user, or mount the share
 * read-only, fails here in one line instead of after hours of training.
 */
public final class WriteProbe {

    /** What one task found. */
    record Answer(String executor, String host, String problem) implements Serializable {}

    private static final int ROUNDS = 3;

    private WriteProbe() {}

    /** Fails with one line naming {@code what} (the option the user gave) unless everyone can write in {@code dir}. */
    public static void require(SparkCluster cluster, Path dir, String what) {
        Storage storage = cluster.storage();
        String driverProblem = probe(storage, dir);
        if (driverProblem != null) {
            throw new IllegalArgumentException(what + ": cannot be written from this machine: " + driverProblem);
        }
        Set<String> seen = new HashSet<>();
        String target = dir.toString();
        for (int round = 0; round < ROUNDS && seen.size() < Math.max(1, cluster.executors()); round++) {
            int tasks = 2 * Math.max(cluster.slots(), cluster.executors());
            List<Answer> answers = cluster.context()
                    .parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
                    .map(i -> answer(storage, new Path(target)))
                    .collect();
            for (Answer a : answers) {
                if (a.problem() != null) {
                    throw new IllegalArgumentException(what + ": cannot be written from executor " + a.executor()
                            + " on " + a.host() + ": " + a.problem());
                }
                seen.add(a.executor());
            }
        }
    }

    private static Answer answer(Storage storage, Path dir) {
        ExecutorSetup.ensure();
        SparkEnv env = SparkEnv.get();
        String host = env == null ? "?" : env.blockManager().blockManagerId().host();
        return new Answer(env == null ? "?" : env.executorId(), host, probe(storage, dir));
    }

    /** Writes and deletes a probe file in {@code dir}; the problem in words, or null. */
    static String probe(Storage storage, Path dir) {
        Path file = new Path(dir, ".rvq-write-probe." + UUID.randomUUID() + ".tmp");
        try {
            storage.mkdirs(dir);
            try (OutputStream out = storage.create(file)) {
                out.write(1);
            }
            storage.delete(file);
            return null;
        } catch (FileSystemException e) {
            return IoProblems.describe(e);
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message.lines().findFirst().orElse(message);
        }
    }
}
