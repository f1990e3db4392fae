package dev.rvqlm.spark;

import dev.rvqlm.eval.cluster.ClusterBackend;
import dev.rvqlm.eval.cluster.ClusterEncode;
import dev.rvqlm.spark.encode.SparkEncode;
import dev.rvqlm.tokenizer.TokenDirectoryWriter;
import java.io.IOException;
import java.util.function.Consumer;

/** rvq's Spark mode, found by {@code cli} through {@link java.util.ServiceLoader} when the assembly is on the class path. */
public final class SparkBackend implements ClusterBackend {

    @Override
    public String name() {
        return "Spark";
    }

    @Override
    public TokenDirectoryWriter.Result encode(ClusterEncode job, Consumer<String> log) throws IOException {
        try (SparkCluster cluster = SparkCluster.connect(SparkMaster.parse(job.master()), "rvq encode", log)) {
            return new SparkEncode(cluster, log).run(job);
        }
    }
}
