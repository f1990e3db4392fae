package dev.rvqlm.cli;

import org.apache.commons.cli.Option;

/** The {@code --threads N} option of the commands that run PyTorch: its intra-op thread count. */
public final class TorchThreads {

    private TorchThreads() {}

    /** The option, with the default described in words. */
    public static Option option(String defaultText) {
        return Arguments.valued(
                "threads",
                "N",
                "threads of PyTorch and of the Java sampling engine (default " + defaultText + "; use 1 on a machine "
                        + "other jobs keep busy, where OpenMP threads spin against each other)");
    }

    /**
     * Sets the thread count for the engine, which reads it when it starts (before the first tensor).
     *
     * @param fallback threads when {@code --threads} is not given; 0 leaves the engine's default (one per core)
     */
    public static void apply(Arguments a, int fallback) {
        apply(a, fallback, 1);
    }

    /**
     * Sets the thread count of one of {@code jobs} runs going at once: {@code --threads} when given, otherwise
     * max(1, fallback / jobs), the fallback 0 counting as one thread per core.
     */
    public static void apply(Arguments a, int fallback, int jobs) {
        int perJob = jobs <= 1
                ? fallback
                : Math.max(1, (fallback == 0 ? Runtime.getRuntime().availableProcessors() : fallback) / jobs);
        int threads = a.integer("threads", perJob);
        if (a.has("threads") && threads < 1) {
            throw new UsageException("--threads must be at least 1, got " + threads);
        }
        if (threads >= 1) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
    }
}
