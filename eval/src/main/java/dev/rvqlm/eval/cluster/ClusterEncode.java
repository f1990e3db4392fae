package dev.rvqlm.eval.cluster;

import java.util.List;

/**
 * An encode for a cluster. Every location is a path or a Hadoop file-system URI ({@code file:///shared/audio},
 * {@code hdfs://namenode/corpus}, {@code s3a://bucket/corpus}) that the driver and every executor can reach; a path
 * without a scheme is on the cluster's default file system.
 *
 * @param master the cluster: a Spark master URL ({@code local[*]}, {@code spark://HOST:PORT}, {@code yarn}, ...)
 * @param codec  the codec file
 * @param audio  audio files or directories (searched recursively; files keep their path relative to the directory)
 * @param out    the token directory to write
 */
public record ClusterEncode(String master, String codec, List<String> audio, String out) {

    public ClusterEncode {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("--spark needs a master (local[*], spark://HOST:PORT, yarn, ...)");
        }
        if (audio == null || audio.isEmpty()) {
            throw new IllegalArgumentException("no audio given");
        }
        audio = List.copyOf(audio);
    }
}
