package dev.rvqlm.spark.storage;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * The Hadoop settings a task needs to reach storage as the driver does: the {@code spark.hadoop.*} entries of the
 * Spark configuration (credentials and endpoints of {@code s3a://}, an HDFS name service, ...), on top of whatever
 * {@code core-site.xml} the JVM finds. Small and serializable, so it travels inside each task.
 */
public final class HadoopSettings implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "spark.hadoop.";

    private final TreeMap<String, String> entries;

    private HadoopSettings(Map<String, String> entries) {
        this.entries = new TreeMap<>(entries);
    }

    /** The {@code spark.hadoop.*} entries of {@code conf}, without the prefix. */
    public static HadoopSettings of(SparkConf conf) {
        Map<String, String> entries = new TreeMap<>();
        for (Tuple2<String, String> e : conf.getAll()) {
            if (e._1().startsWith(PREFIX)) {
                entries.put(e._1().substring(PREFIX.length()), e._2());
            }
        }
        return new HadoopSettings(entries);
    }

    /** No settings beyond the JVM's own (tests, and storage used outside Spark). */
    public static HadoopSettings none() {
        return new HadoopSettings(Map.of());
    }

    /** A fresh Hadoop configuration with these settings applied. */
    public Configuration configuration() {
        Configuration conf = new Configuration();
        entries.forEach(conf::set);
        return conf;
    }
}
