package dev.rvqlm.spark.encode;

import dev.rvqlm.spark.ExecutorSetup;
import dev.rvqlm.spark.storage.Storage;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.InputFiles;
import dev.rvqlm.tokens.IoProblems;
import dev.rvqlm.tokens.TokenFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.Function;

/**
 * Runs on an executor: reads one audio file from storage, encodes it with the codec Spark shipped, and writes its
 * token file atomically into the staging directory (a retried attempt replaces it whole). The codec is loaded once
 * per executor JVM and shared by its concurrent tasks, as a local encode shares it between threads.
 */
final class EncodeTask implements Function<AudioFile, EncodedFile> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Codec> CODECS = new ConcurrentHashMap<>();

    private final Storage storage;
    private final String codecFile;
    private final String staging;

    /**
     * @param codecFile the codec's file name as added with {@code SparkContext.addFile}
     * @param staging   the directory the token files go to until the driver installs them
     */
    EncodeTask(Storage storage, String codecFile, String staging) {
        this.storage = storage;
        this.codecFile = codecFile;
        this.staging = staging;
    }

    @Override
    public EncodedFile call(AudioFile file) throws IOException {
        ExecutorSetup.ensure();
        Codec codec = codec(SparkFiles.get(codecFile));
        try {
            Path uri = new Path(file.uri());
            java.nio.file.Path named = java.nio.file.Path.of(file.source());
            long size = storage.length(uri);
            InputFiles.requireHeapFor(named, size, Math.min(Long.MAX_VALUE / 8, size) * 7);
            float[] audio = AudioIO.mono(AudioIO.decode(storage.readAllBytes(uri), named), codec.sampleRate());
            int[][] codes = codec.encode(audio);
            storage.writeAtomically(
                    new Path(new Path(staging), file.tokenName()), TokenFiles.bytes(codes, codec.codebookSize()));
            return new EncodedFile(
                    file.index(),
                    file.tokenName(),
                    codes[0].length,
                    file.source(),
                    audio.length / (double) codec.sampleRate(),
                    codec.identity(),
                    null);
        } catch (IllegalArgumentException e) {
            return EncodedFile.failed(file, e.getMessage());
        } catch (FileSystemException e) {
            return EncodedFile.failed(file, IoProblems.sentence(e));
        }
    }

    private static Codec codec(String localFile) {
        return CODECS.computeIfAbsent(localFile, f -> {
            try {
                return Codec.load(java.nio.file.Path.of(f));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot load the codec shipped to this executor (" + f + "): " + e.getMessage(), e);
            }
        });
    }
}
