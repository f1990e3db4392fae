package dev.rvqlm.spark.encode;

import dev.rvqlm.eval.cluster.ClusterEncode;
import dev.rvqlm.spark.storage.Storage;
import dev.rvqlm.tokenizer.TokenDirectoryWriter;
import dev.rvqlm.tokens.TokenFileException;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * What an encode will do, decided on the driver before Spark starts, with a local encode's refusals: the audio
 * listed (names only), no two files with one token name, the output not a file and not around another token
 * directory.
 *
 * @param job     as the user gave it
 * @param inputs  every audio file, in the manifest's order
 * @param out     the token directory, qualified
 * @param staging where executors write the token files until the driver installs them (beside {@code out})
 * @param codec   the codec file, qualified
 */
public record EncodePlan(ClusterEncode job, List<AudioFile> inputs, Path out, Path staging, Path codec) {

    public static EncodePlan of(Storage storage, ClusterEncode job) throws IOException {
        Path codec = storage.qualify(job.codec());
        if (!storage.isFile(codec)) {
            throw new IllegalArgumentException("no such codec file: " + job.codec());
        }
        List<AudioFile> inputs = AudioListing.list(storage, job.audio());
        List<String> names = inputs.stream().map(AudioFile::tokenName).toList();
        TokenDirectoryWriter.refuseClashingNames(
                names, inputs.stream().map(AudioFile::source).toList());
        Path out = storage.qualify(job.out());
        if (storage.isFile(out)) {
            throw new TokenFileException(
                    java.nio.file.Path.of(job.out()), "is a file; the token directory to write must be a directory");
        }
        TokenDirectoryWriter.refuseNestedTokenDirectories(names, job.out(), dir -> {
            try {
                return storage.exists(new Path(new Path(out, dir), TokenManifest.FILE_NAME));
            } catch (IOException e) {
                throw Storage.unchecked(out, e);
            }
        });
        Path staging = new Path(out.getParent(), "." + out.getName() + ".encoding.spark.tmp");
        return new EncodePlan(job, List.copyOf(inputs), out, staging, codec);
    }
}
