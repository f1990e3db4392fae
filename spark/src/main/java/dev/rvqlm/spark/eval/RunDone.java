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
 */
record RunDone(String name, String resultJson, String executor, int attempt, double seconds) implements Serializable {}
