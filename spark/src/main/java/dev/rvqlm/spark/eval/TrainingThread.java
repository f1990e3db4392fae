package dev.rvqlm.spark.eval;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread of a JVM on which runs are trained, one at a time:
 * <ul>
 *   <li>DJL's PyTorch engine allows one gradient collector per process;</li>
 *   <li>PyTorch's grad mode is per thread, and DJL turns it off only in the thread that starts the engine: on any
 *       other thread (a Spark task thread) building a model fails with "a leaf Variable that requires grad is being
 *       used in an in-place operation". This thread turns it off for itself before its first run.</li>
 * </ul>
 */
final class TrainingThread {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rvq-training");
        t.setDaemon(true);
        return t;
    });

    static {
        THREAD.submit(() -> {
            Engine.getInstance();
            JniUtils.setGradMode(false);
        });
    }

    private TrainingThread() {}

    /** Runs {@code work} on the training thread and waits for it (the calling task thread blocks meanwhile). */
    static <T> T run(Callable<T> work) throws IOException {
        Future<T> result = THREAD.submit(work);
        try {
            return result.get();
        } catch (InterruptedException e) { // Spark kills a task by interrupting its thread: stop the run too
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }
}
