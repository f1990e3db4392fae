package dev.rvqlm.tokens;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code manifest.json} of a token directory: which codec made the codes and what each {@code .npy} holds.
 *
 * @param formatVersion manifest format, currently 1
 * @param codec         identity of the tokenizer that made the codes (a codec's identity, or where imported tokens came from)
 * @param sampleRate    codec sample rate in Hz
 * @param frameRate     frames per second
 * @param codebooks     K
 * @param codebookSize  N
 * @param files         one entry per token file
 */
public record TokenManifest(int formatVersion, String codec, int sampleRate, double frameRate, int codebooks,
        int codebookSize, List<Entry> files) {

    public static final String FILE_NAME = "manifest.json";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public TokenManifest {
        if (codec == null || codec.isBlank()) {
            throw new IllegalArgumentException("manifest needs the codec identity");
        }
        files = List.copyOf(files);
    }

    /**
     * @param name   token file name relative to the directory (e.g. {@code speech/clip.npy})
     * @param frames T
     * @param source the audio file it was encoded from, as given on the command line
     */
    public record Entry(String name, int frames, String source) {}

    /** A manifest of the current format version. */
    public static TokenManifest of(String codec, int sampleRate, double frameRate, int codebooks, int codebookSize,
            List<Entry> files) {
        return new TokenManifest(FORMAT_VERSION, codec, sampleRate, frameRate, codebooks, codebookSize, files);
    }

    /** Reads {@code dir/manifest.json}. */
    public static TokenManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        TokenManifest m;
        try {
            m = JSON.readValue(file.toFile(), TokenManifest.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new TokenFileException(file, "not a valid token manifest (" + e.getOriginalMessage() + ")");
        }
        if (m.formatVersion() != FORMAT_VERSION) {
            throw new TokenFileException(file, "manifest format version " + m.formatVersion() + " is not supported");
        }
        return m;
    }

    /** Writes {@code dir/manifest.json} atomically. */
    public void write(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(FILE_NAME), JSON.writeValueAsBytes(this));
    }

    /** Fails unless this manifest was made by the codec with identity {@code codecIdentity}. */
    public void checkCodec(String codecIdentity, Path dir) {
        if (!this.codec.equals(codecIdentity)) {
            throw new TokenFileException(dir.resolve(FILE_NAME), "tokens were made by codec " + this.codec
                    + " but the codec given is " + codecIdentity);
        }
    }
}
