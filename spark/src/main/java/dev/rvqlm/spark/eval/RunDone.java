package dev.rvqlm.spark.eval;

import java.io.Serializable;

/**
 * What a task sends back for its run (the full result is in the run cache, where the driver reads it).
 *
 * @param name        the run
 * @param resultJson  the run's {@code RunResult} as stored
 * @param executor    the executor that trained it
 * @param attempt     Spark's attempt number (0: the first)
 * @param seconds     the task's wall time
 * @param failure     null for a stored run; else why its last attempt failed (one line)
 */
record RunDone(String name, String resultJson, String executor, int attempt, double seconds, String failure)
        implements Serializable {

    /** A run whose last attempt failed: the job goes on, so that every other run is trained and stored. */
    static RunDone failed(String name, String executor, int attempt, double seconds, String failure) {
        return new RunDone(name, null, executor, attempt, seconds, failure);
    }
}
