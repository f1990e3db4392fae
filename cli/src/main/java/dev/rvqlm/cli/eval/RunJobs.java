package dev.rvqlm.cli.eval;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Rvq;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.eval.run.ChildCommand;
import dev.rvqlm.eval.run.RunScheduling;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;

/**
 * The {@code --jobs J} option of {@code rvq eval} and {@code rvq demo}, and how they start themselves as child
 * processes that train one run each: the same Java, classpath, system properties and JVM options, the same
 * arguments plus the hidden {@code --only-run NAME}.
 */
final class RunJobs {

    static final String JOBS = "jobs";
    /** Hidden: train only this run (e.g. "delay seed 0") and write no report; what a child process is told. */
    static final String ONLY_RUN = "only-run";

    private RunJobs() {}

    static Option option(String defaultText) {
        return Arguments.valued(
                JOBS,
                "J",
                "runs (pattern × seed) trained at once, each in its own process (default "
                        + defaultText
                        + "); each then gets --threads max(1, threads / J) unless --threads is given; finished "
                        + "runs are reused whatever J was");
    }

    static Option onlyRun() {
        return Arguments.valued(ONLY_RUN, "NAME", "train only the run NAME (a child process of --jobs)");
    }

    static int jobs(Arguments a, int fallback) {
        int jobs = a.integer(JOBS, fallback);
        if (jobs < 1) {
            throw new UsageException("--jobs must be at least 1, got " + jobs);
        }
        return jobs;
    }

    /** Serial for one job; otherwise children that run {@code rvq COMMAND ARGS --only-run NAME}. */
    static RunScheduling scheduling(int jobs, String command, List<String> args) {
        return jobs == 1 ? RunScheduling.serial() : new RunScheduling(jobs, self(command, args));
    }

    private static ChildCommand self(String command, List<String> args) {
        List<String> jvm = new ArrayList<>();
        jvm.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-D")
                    || option.startsWith("--add-modules") // the vector module of the LM's Java engine
                    || option.startsWith("-X") && !option.startsWith("-Xdebug") && !option.startsWith("-Xrun")) {
                jvm.add(option); // heap size, properties, modules; not debugger agents, whose port the parent holds
            }
        }
        jvm.add("-Dai.djl.offline=true");
        jvm.add("-Djava.awt.headless=true");
        jvm.add("-cp");
        jvm.add(System.getProperty("java.class.path"));
        jvm.add(Rvq.class.getName());
        jvm.add(command);
        jvm.addAll(args);
        return runName -> {
            List<String> line = new ArrayList<>(jvm);
            line.addAll(List.of("--" + ONLY_RUN, runName, "--verbose")); // the stack trace, if any, goes to its log
            ProcessBuilder builder = new ProcessBuilder(line);
            builder.environment().put("OPT_OUT_TRACKING", "true"); // DJL calls home on engine start otherwise
            return builder;
        };
    }
}
