package dev.rvqlm.spark.eval;

import dev.rvqlm.eval.cluster.ClusterEval;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.run.EvalRunner;
import dev.rvqlm.eval.run.RunScheduling;
import dev.rvqlm.spark.ExecutorSetup;
import dev.rvqlm.spark.SparkCluster;
import dev.rvqlm.spark.WriteProbe;
import dev.rvqlm.spark.storage.Storage;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.TokenDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code rvq eval --spark}: this process (the driver) plans the eval, reuses finished runs and writes the report as
 * a local eval does ({@link EvalRunner}); only the unfinished runs go to Spark, one task each ({@link SparkRuns}).
 * The run cache below the report directory is the hand-over, so a grid started locally can be finished on Spark and
 * the other way round. The report directory must be a path every executor mounts at the same place (a shared
 * {@code file://} mount); the tokens and the codec may be anywhere Hadoop reads ({@code hdfs://}, ...).
 */
public final class SparkEval {

    private final SparkCluster cluster;
    private final Consumer<String> log;

    public SparkEval(SparkCluster cluster, Consumer<String> log) {
        this.cluster = cluster;
        this.log = log;
    }

    /** The report directory as a local path; checked before Spark starts. */
    public static Path reportDirectory(Storage storage, String out) {
        org.apache.hadoop.fs.Path qualified = storage.qualify(out);
        if (!"file".equals(qualified.toUri().getScheme())) {
            throw new IllegalArgumentException("--out " + out + ": the report directory must be a path that the "
                    + "driver and every executor mount at the same place (a shared file:// mount); "
                    + qualified.toUri().getScheme() + ":// report directories are not supported");
        }
        Path dir = Path.of(qualified.toUri());
        AtomicFiles.requireWritableDirectory(dir);
        return dir;
    }

    public EvalResults run(ClusterEval eval) throws IOException {
        Storage storage = cluster.storage();
        Path reportDir = reportDirectory(storage, eval.out());
        Path runs = reportDir.resolve(EvalRunner.RUNS);
        WriteProbe.require(cluster, new org.apache.hadoop.fs.Path(runs.toUri()), eval.out());
        String tokens = storage.qualify(eval.tokens()).toString();
        Optional<String> codecUri = eval.codec().map(c -> storage.qualify(c).toString());
        Path scratch = ExecutorSetup.scratch();
        TokenDirectory data = TokenDirectory.read(LocalCopies.tokenDirectory(storage, tokens, scratch));
        EvalJob job = EvalJob.of(eval.config(), tokens, codecUri.orElse(null), reportDir.toString());
        EvalRunner runner = new EvalRunner(eval.config(), log, RunScheduling.on(new SparkRuns(cluster, job, log)));
        if (codecUri.isEmpty()) {
            return runner.run(data, Optional.empty(), reportDir);
        }
        try (Codec codec = Codec.load(LocalCopies.file(storage, codecUri.get(), scratch))) {
            return runner.run(data, Optional.of(codec), reportDir);
        }
    }
}
