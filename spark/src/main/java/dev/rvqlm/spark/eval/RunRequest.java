package dev.rvqlm.spark.eval;

import java.io.Serializable;

/**
 * One run for a task: its name ({@code RunSpec.name()}) and the run directory the driver planned for it.
 *
 * @param name   e.g. {@code delay 128x2 seed 0}
 * @param runDir absolute path of its run directory below the report directory
 */
record RunRequest(String name, String runDir) implements Serializable {}
