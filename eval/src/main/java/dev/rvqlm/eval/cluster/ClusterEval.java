package dev.rvqlm.eval.cluster;

import dev.rvqlm.eval.run.EvalConfig;
import java.util.Optional;

/**
 * An eval for a cluster: the runs of {@code config} trained on its executors, the report written by this process
 * (the driver) exactly as a local eval writes it.
 *
 * @param master the cluster: a Spark master URL ({@code local[*]}, {@code spark://HOST:PORT}, {@code yarn}, ...)
 * @param config the experiment, as a local eval would run it
 * @param tokens the token directory: a path or a Hadoop URI ({@code hdfs://...}) the driver and executors can read
 * @param codec  the codec that made the tokens, for the audio metrics (a path or a URI), if any
 * @param out    the report directory: a path every executor mounts at the same place (runs are stored below it)
 */
public record ClusterEval(String master, EvalConfig config, String tokens, Optional<String> codec, String out) {

    public ClusterEval {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("--spark needs a master (local[*], spark://HOST:PORT, yarn, ...)");
        }
        if (config == null || tokens == null || out == null || codec == null) {
            throw new IllegalArgumentException("a cluster eval needs a config, tokens and a report directory");
        }
    }
}
