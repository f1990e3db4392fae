package dev.rvqlm.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts JVMs for the cluster tests with this JVM's java and its module opens (which Spark needs on Java 17). */
final class JavaProcesses {

    private JavaProcesses() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The {@code --add-opens} and related options this test JVM was started with. */
    static List<String> opens() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")
                        || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Dio.netty")
                        || a.equals("-XX:+IgnoreUnrecognizedVMOptions"))
                .toList();
    }

    /** A command: java, the opens, {@code jvmOptions}, then the class path, main class and arguments. */
    static List<String> command(List<String> jvmOptions, String classPath, String main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(opens());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(main);
        command.addAll(args);
        return command;
    }

    static Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().putAll(env);
        return pb.start();
    }
}
