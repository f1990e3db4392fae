package dev.rvqlm.eval.run;

import dev.rvqlm.tokens.TokenDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The child process of {@link ChildRunsTest}: trains one run of its eval ({@link ChildRunsTest#config()}), as a
 * child of {@code rvq eval --jobs J} does. Arguments: token directory, report directory, run name.
 */
public final class OneRunChild {

    private OneRunChild() {}

    public static void main(String[] args) throws Exception {
        ChildRuns.haltWhenParentExits();
        new EvalRunner(ChildRunsTest.config(), System.err::println)
                .trainOnly(TokenDirectory.read(Path.of(args[0])), Optional.empty(), Path.of(args[1]), args[2]);
    }

    /** Starts this class as a child for one run of the eval reporting into {@code report}. */
    static ChildCommand command(Path tokens, Path report) {
        return runName -> java(OneRunChild.class, tokens.toString(), report.toString(), runName);
    }

    /** A process running {@code main} of a test class with this JVM's classpath. */
    static ProcessBuilder java(Class<?> main, String... args) {
        List<String> line = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder;
    }
}
