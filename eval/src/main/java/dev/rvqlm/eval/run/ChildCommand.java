package dev.rvqlm.eval.run;

/**
 * How an eval starts a child process that trains exactly one run: the command line program knows how to start
 * itself, the eval only what each child must do.
 *
 * <pre>{@code
 * ChildCommand command = runName -> new ProcessBuilder("java", "-cp", classpath, "Main", "--only-run", runName);
 * }</pre>
 */
@FunctionalInterface
public interface ChildCommand {

    /**
     * A process that trains only the run named {@code runName} (e.g. {@code "delay seed 0"}, see
     * {@link EvalRunner#trainOnly}) into its usual run directory with the parent's settings, writes no report, and
     * exits with status 0 once the run's result is stored. Its output is the parent's to read.
     */
    ProcessBuilder forRun(String runName);
}
