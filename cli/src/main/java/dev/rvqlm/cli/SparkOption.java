package dev.rvqlm.cli;

import dev.rvqlm.eval.cluster.ClusterBackend;
import java.net.URI;
import java.nio.file.Path;
import org.apache.commons.cli.Option;

/**
 * {@code --spark MASTER}: the command's work goes to a Spark cluster. Spark lives in its own assembly
 * ({@code spark/target/rvq-spark.jar}, which the {@code rvq} launcher builds and puts on the class path when it sees
 * this option), so this jar only finds it at run time.
 */
public final class SparkOption {

    public static final String NAME = "spark";

    private SparkOption() {}

    public static Option option() {
        return Arguments.valued(
                NAME,
                "MASTER",
                "run on Apache Spark: local[*], spark://HOST:7077, yarn, k8s://https://HOST:PORT, or submit under "
                        + "spark-submit; paths may then be Hadoop URIs (file://, hdfs://, s3a://)");
    }

    /** A {@code file:} URI or a plain path as a local path (for printing where a report went). */
    public static Path localPath(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    /** The Spark backend, or one line saying this rvq was built without it. */
    public static ClusterBackend backend() {
        return ClusterBackend.find()
                .orElseThrow(() -> new IllegalArgumentException("--spark: this rvq has no Spark support on its class "
                        + "path; run it through the ./rvq launcher (which builds spark/target/rvq-spark.jar on first "
                        + "use) or with spark-submit and that jar"));
    }
}
