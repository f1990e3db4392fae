package dev.rvqlm.eval.cluster;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.tokenizer.TokenDirectoryWriter;
import java.io.IOException;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Work sent to a cluster when the user names one ({@code --spark MASTER}). The spark module implements it and
 * registers it as a service; {@code cli} finds it at run time, so nothing below the spark module depends on Spark and
 * {@code rvq} without the Spark assembly on its class path says so in one line.
 */
public interface ClusterBackend {

    /** The engine's name, for messages ("Spark"). */
    String name();

    /**
     * Encodes audio into a token directory as {@link TokenDirectoryWriter} does on one machine (the same files,
     * byte for byte, and the same refusals), with the files spread over the cluster's executors.
     */
    TokenDirectoryWriter.Result encode(ClusterEncode job, Consumer<String> log) throws IOException;

    /**
     * Runs an eval with its runs trained on the cluster's executors ({@link dev.rvqlm.eval.run.RunCluster}); this
     * process plans, reuses finished runs and writes the report as a local eval does.
     */
    EvalResults eval(ClusterEval job, Consumer<String> log) throws IOException;

    /** The backend on the class path, if any. */
    static Optional<ClusterBackend> find() {
        return ServiceLoader.load(ClusterBackend.class).findFirst();
    }
}
