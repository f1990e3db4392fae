package dev.rvqlm.lm;

/**
 * How many threads the Java engine runs a decoding step on: the number the CLI's {@code --threads} sets for PyTorch
 * (the system property {@value #PROPERTY}, read by DJL when its engine starts), else one per core as PyTorch's
 * default, so that one option sets both engines alike.
 */
public final class EngineThreads {

    /** The property DJL's PyTorch engine reads its intra-op thread count from. */
    public static final String PROPERTY = "ai.djl.pytorch.num_threads";

    private EngineThreads() {}

    /** The thread count, at least 1. */
    public static int get() {
        return Math.max(1, Integer.getInteger(PROPERTY, Runtime.getRuntime().availableProcessors()));
    }
}
