package dev.rvqlm.tokens;

import dev.rvqlm.tokens.TokenCorpus;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A token directory as the tokenizer writes it ({@code manifest.json} plus one {@code .npy} [K, T] per file), read
 * into memory. K codebooks, N codebook size, T frames.
 *
 * @param directory where the tokens were read from
 * @param manifest  the directory's manifest (codec identity, frame rate, K, N, files)
 * @param corpus    every file's codes, in manifest order
 */
public record TokenDirectory(Path directory, TokenManifest manifest, TokenCorpus corpus) {

    /** Reads {@code dir/manifest.json} and every token file it lists, checking K, N and each file's length. */
    public static TokenDirectory read(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(TokenManifest.FILE_NAME))) {
            throw new NoSuchFileException(dir.resolve(TokenManifest.FILE_NAME).toString());
        }
        TokenManifest manifest = TokenManifest.read(dir);
        if (manifest.files().isEmpty()) {
            throw new IllegalArgumentException(dir + " lists no token files in its manifest");
        }
        List<TokenCorpus.Item> items = new ArrayList<>();
        for (TokenManifest.Entry entry : manifest.files()) {
            Path file = dir.resolve(entry.name());
            int[][] codes = TokenFiles.read(file, manifest.codebooks(), manifest.codebookSize());
            int frames = codes.length == 0 ? 0 : codes[0].length;
            if (frames != entry.frames()) {
                throw new IllegalArgumentException(file + " has T=" + frames + " frames but the manifest says "
                        + entry.frames());
            }
            items.add(new TokenCorpus.Item(entry.name(), codes));
        }
        return new TokenDirectory(dir, manifest, new TokenCorpus(items, manifest.codebookSize(), manifest.frameRate(),
                manifest.codec()));
    }

    /** K. */
    public int codebooks() {
        return manifest.codebooks();
    }

    /** N. */
    public int codebookSize() {
        return manifest.codebookSize();
    }

    /** Frames per second of audio. */
    public double frameRate() {
        return manifest.frameRate();
    }
}
