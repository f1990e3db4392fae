package dev.rvqlm.spark;

import dev.rvqlm.eval.cluster.ClusterBackend;
import dev.rvqlm.eval.cluster.ClusterEncode;
import dev.rvqlm.eval.cluster.ClusterEval;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.spark.encode.EncodePlan;
import dev.rvqlm.spark.encode.SparkEncode;
import dev.rvqlm.spark.eval.SparkEval;
import dev.rvqlm.spark.storage.HadoopSettings;
import dev.rvqlm.spark.storage.Storage;
import dev.rvqlm.tokenizer.TokenDirectoryWriter;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;

/** rvq's Spark mode, found by {@code cli} through {@link java.util.ServiceLoader} when the assembly is on the class path. */
public final class SparkBackend implements ClusterBackend {

    @Override
    public String name() {
        return "Spark";
    }

    @Override
    public EvalResults eval(ClusterEval job, Consumer<String> log) throws IOException {
        SparkMaster master = SparkMaster.parse(job.master());
        SparkEval.reportDirectory(new Storage(HadoopSettings.of(new SparkConf())), job.out()); // before Spark starts
        try (SparkCluster cluster = SparkCluster.connect(master, "rvq eval", log, true)) {
            return new SparkEval(cluster, log).run(job);
        }
    }

    @Override
    public TokenDirectoryWriter.Result encode(ClusterEncode job, Consumer<String> log) throws IOException {
        SparkMaster master = SparkMaster.parse(job.master());
        // refusals first, before Spark starts; storage sees the same spark.hadoop.* settings the context will
        EncodePlan plan = EncodePlan.of(new Storage(HadoopSettings.of(new SparkConf())), job);
        try (SparkCluster cluster = SparkCluster.connect(master, "rvq encode", log, false)) {
            return new SparkEncode(cluster, log).run(plan);
        }
    }
}
