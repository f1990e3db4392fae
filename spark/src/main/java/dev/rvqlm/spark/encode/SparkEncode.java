package dev.rvqlm.spark.encode;

import dev.rvqlm.spark.SparkCluster;
import dev.rvqlm.spark.TaskProgressJob;
import dev.rvqlm.spark.WriteProbe;
import dev.rvqlm.spark.storage.Storage;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.TokenDirectoryWriter;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;

/**
 * {@code rvq encode --spark}: the driver lists the audio (names only), applies a local encode's refusals, checks that
 * every executor can write the output, and sends one task per file; the executors encode into a staging directory
 * beside the output; the driver then installs the files as a local encode does (old manifest out, files in, new
 * manifest last), so the token directory is byte for byte the one {@link TokenDirectoryWriter} writes, and a failed
 * encode leaves an existing one as it was.
 */
public final class SparkEncode {

    /** At most this many tasks; beyond it a task encodes several consecutive files. */
    static final int MAX_TASKS = 10_000;

    private final SparkCluster cluster;
    private final Consumer<String> log;

    public SparkEncode(SparkCluster cluster, Consumer<String> log) {
        this.cluster = cluster;
        this.log = log;
    }

    public TokenDirectoryWriter.Result run(EncodePlan plan) throws IOException {
        long start = System.nanoTime();
        Storage storage = cluster.storage();
        storage.delete(plan.staging()); // an interrupted encode's, never read: every file is encoded again
        WriteProbe.require(cluster, plan.staging(), plan.job().out());
        try (Codec codec = loadOnDriver(storage, plan.codec())) {
            cluster.context().addFile(plan.codec().toString());
            List<EncodedFile> encoded =
                    encodeAll(plan.inputs(), storage, plan.codec().getName(), plan.staging());
            TokenManifest manifest =
                    codec.manifest(entries(encoded, codec.identity(), plan.job().codec()));
            install(storage, plan.staging(), plan.out(), manifest, plan.job().out());
            double audioSeconds =
                    encoded.stream().mapToDouble(EncodedFile::seconds).sum();
            return new TokenDirectoryWriter.Result(manifest, audioSeconds, (System.nanoTime() - start) / 1e9);
        } finally {
            storage.delete(plan.staging());
        }
    }

    private List<EncodedFile> encodeAll(List<AudioFile> inputs, Storage storage, String codecFile, Path staging)
            throws IOException {
        int tasks = Math.min(inputs.size(), MAX_TASKS);
        log.accept("encoding " + inputs.size() + " files in " + tasks + " tasks");
        List<String> labels = new ArrayList<>();
        for (int t = 0; t < tasks; t++) { // the slices parallelize makes: [t n / tasks, (t + 1) n / tasks)
            int from = (int) ((long) t * inputs.size() / tasks);
            int to = (int) ((long) (t + 1) * inputs.size() / tasks);
            labels.add(
                    inputs.get(to - 1).tokenName() + (to - from == 1 ? "" : " (and " + (to - from - 1) + " before)"));
        }
        return new TaskProgressJob("rvq encode: " + inputs.size() + " files", labels, new double[0], null)
                .run(
                        cluster,
                        log,
                        () -> cluster.context()
                                .parallelize(inputs, tasks)
                                .map(new EncodeTask(storage, codecFile, staging.toString()))
                                .collect());
    }

    /** The manifest's entries in listing order; fails on the first bad file or a file encoded by another codec. */
    private static List<TokenManifest.Entry> entries(List<EncodedFile> encoded, String identity, String codecName) {
        List<EncodedFile> failed = encoded.stream().filter(e -> !e.ok()).toList();
        if (!failed.isEmpty()) {
            throw new IllegalArgumentException(failed.get(0).problem()
                    + (failed.size() == 1 ? "" : " (and " + (failed.size() - 1) + " more files failed)"));
        }
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (EncodedFile e : encoded.stream()
                .sorted(Comparator.comparingInt(EncodedFile::index))
                .toList()) {
            if (!identity.equals(e.codec())) {
                throw new IllegalStateException(e.source() + " was encoded by codec " + e.codec() + ", not by "
                        + codecName + " (" + identity + "): did the codec file change during the encode?");
            }
            entries.add(new TokenManifest.Entry(e.name(), e.frames(), e.source()));
        }
        return entries;
    }

    /** Old manifest out, new files in, new manifest last: as {@link TokenDirectoryWriter} installs. */
    private static void install(Storage storage, Path staging, Path out, TokenManifest manifest, String given)
            throws IOException {
        storage.mkdirs(out);
        storage.delete(new Path(out, TokenManifest.FILE_NAME));
        for (TokenManifest.Entry e : manifest.files()) {
            storage.move(new Path(staging, e.name()), new Path(out, e.name()));
        }
        storage.writeAtomically(new Path(out, TokenManifest.FILE_NAME), manifest.bytes(java.nio.file.Path.of(given)));
    }

    /** The driver needs the codec for the manifest; a codec on remote storage is copied to a local temporary file. */
    private static Codec loadOnDriver(Storage storage, Path codec) throws IOException {
        if ("file".equals(codec.toUri().getScheme())) {
            return Codec.load(java.nio.file.Path.of(codec.toUri()));
        }
        java.nio.file.Path local = Files.createTempFile("rvq-codec", ".rvq");
        try {
            Files.write(local, storage.readAllBytes(codec));
            return Codec.load(local);
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
