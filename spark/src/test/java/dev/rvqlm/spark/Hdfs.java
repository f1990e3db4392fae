package dev.rvqlm.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** An HDFS (one NameNode, one DataNode) inside the test JVM, on loopback. */
final class Hdfs implements AutoCloseable {

    private final MiniDFSCluster cluster;

    private Hdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    static Hdfs start(Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(
                MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
                Files.createDirectories(dir).toAbsolutePath().toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        return new Hdfs(new MiniDFSCluster.Builder(conf).numDataNodes(1).build());
    }

    /** {@code hdfs://127.0.0.1:PORT}. */
    String uri() {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    FileSystem fileSystem() throws IOException {
        return cluster.getFileSystem();
    }

    /** Copies a local file or directory to {@code hdfsPath} (e.g. {@code /corpus}); returns its URI. */
    String put(Path local, String hdfsPath) throws IOException {
        fileSystem()
                .copyFromLocalFile(
                        new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(hdfsPath));
        return uri() + hdfsPath;
    }

    /** Copies {@code hdfsPath} to a new local directory {@code local}. */
    void get(String hdfsPath, Path local) throws IOException {
        fileSystem()
                .copyToLocalFile(
                        false,
                        new org.apache.hadoop.fs.Path(hdfsPath),
                        new org.apache.hadoop.fs.Path(local.toUri()),
                        true);
    }

    @Override
    public void close() {
        cluster.shutdown();
    }
}
