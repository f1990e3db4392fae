package dev.rvqlm.tokens;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
public record TokenManifest(
        int formatVersion,
        String codec,
        int sampleRate,
        double frameRate,
        int codebooks,
        int codebookSize,
        List<Entry> files) {

    public static final String FILE_NAME = "manifest.json";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public TokenManifest {
        files = files == null ? null : List.copyOf(files);
    }

    /**
     * @param name   token file name relative to the directory (e.g. {@code speech/clip.npy})
     * @param frames T
     * @param source the audio file it was encoded from, as given on the command line
     */
    public record Entry(String name, int frames, String source) {}

    /** A manifest of the current format version. */
    public static TokenManifest of(
            String codec, int sampleRate, double frameRate, int codebooks, int codebookSize, List<Entry> files) {
        return new TokenManifest(FORMAT_VERSION, codec, sampleRate, frameRate, codebooks, codebookSize, files);
    }

    /** Reads {@code dir/manifest.json}. */
    public static TokenManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        TokenManifest m;
        try {
            m = JSON.readValue(file.toFile(), TokenManifest.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new TokenFileException(file, "not a valid token manifest: " + ManifestErrors.describe(e));
        } catch (NullPointerException e) {
            throw new TokenFileException(file, "not a valid token manifest: a file entry is null");
        }
        if (m == null) {
            throw new TokenFileException(file, "not a valid token manifest: it is empty or null");
        }
        m.check(file);
        return m;
    }

    /** Every field in range, entry names inside the directory, no entry twice: a manifest that lies is refused. */
    private void check(Path file) {
        if (formatVersion != FORMAT_VERSION) {
            throw new TokenFileException(
                    file,
                    "manifest format version " + formatVersion + " is not supported (this " + "rvqlm reads version "
                            + FORMAT_VERSION + ")");
        }
        if (codec == null || codec.isBlank()) {
            throw new TokenFileException(file, "the manifest does not say which codec made the tokens ('codec')");
        }
        if (sampleRate <= 0) {
            throw new TokenFileException(file, "'sampleRate' must be positive, got " + sampleRate);
        }
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new TokenFileException(file, "'frameRate' must be a positive number, got " + frameRate);
        }
        if (codebooks < 1) {
            throw new TokenFileException(file, "'codebooks' (K) must be at least 1, got " + codebooks);
        }
        if (codebookSize < 2) {
            throw new TokenFileException(file, "'codebookSize' (N) must be at least 2, got " + codebookSize);
        }
        if (files == null) {
            throw new TokenFileException(file, "the manifest has no 'files' list");
        }
        Set<String> seen = new HashSet<>();
        for (Entry e : files) {
            TokenEntryNames.check(e.name(), file);
            if (!seen.add(e.name())) {
                throw new TokenFileException(file, "file entry '" + e.name() + "' is listed twice");
            }
            if (e.frames() < 0) {
                throw new TokenFileException(file, "file entry '" + e.name() + "' has " + e.frames() + " frames");
            }
        }
    }

    /** The file an entry names inside {@code dir}, refusing names that lead outside it ({@link TokenEntryNames}). */
    public Path resolve(Path dir, Entry entry) throws IOException {
        return TokenEntryNames.resolve(dir, entry.name());
    }

    /** Writes {@code dir/manifest.json} atomically. */
    public void write(Path dir) throws IOException {
        AtomicFiles.replace(dir.resolve(FILE_NAME), bytes(dir));
    }

    /**
     * The exact bytes {@link #write} puts in {@code dir/manifest.json}, for writers that store token directories
     * elsewhere (a Hadoop file system); {@code dir} only names the file in messages.
     */
    public byte[] bytes(Path dir) throws IOException {
        check(dir.resolve(FILE_NAME));
        return JSON.writeValueAsBytes(this);
    }

    /** Fails unless this manifest was made by the codec with identity {@code codecIdentity}. */
    public void checkCodec(String codecIdentity, Path dir) {
        if (!this.codec.equals(codecIdentity)) {
            throw new TokenFileException(
                    dir.resolve(FILE_NAME),
                    "tokens were made by codec " + this.codec + " but the codec given is " + codecIdentity);
        }
    }
}
