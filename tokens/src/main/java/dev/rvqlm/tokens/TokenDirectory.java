package dev.rvqlm.tokens;

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
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new TokenFileException(dir, "is a file, not a token directory");
            }
            throw new NoSuchFileException(dir.toString());
        }
        if (!Files.exists(dir.resolve(TokenManifest.FILE_NAME))) {
            throw new TokenFileException(
                    dir,
                    "has no " + TokenManifest.FILE_NAME + ": not a token directory, or an "
                            + "encode into it did not finish (the manifest is written last)");
        }
        TokenManifest manifest = TokenManifest.read(dir);
        if (manifest.files().isEmpty()) {
            throw new TokenFileException(dir.resolve(TokenManifest.FILE_NAME), "lists no token files");
        }
        List<TokenCorpus.Item> items = new ArrayList<>();
        for (TokenManifest.Entry entry : manifest.files()) {
            Path file = manifest.resolve(dir, entry);
            int[][] codes = TokenFiles.read(file, manifest.codebooks(), manifest.codebookSize());
            if (codes.length != manifest.codebooks()) {
                throw new TokenFileException(
                        file, "has K=" + codes.length + " codebooks but the manifest says " + manifest.codebooks());
            }
            int frames = codes[0].length;
            if (frames != entry.frames()) {
                throw new TokenFileException(
                        file, "has T=" + frames + " frames but the manifest says " + entry.frames());
            }
            items.add(new TokenCorpus.Item(entry.name(), codes));
        }
        return new TokenDirectory(
                dir, manifest, new TokenCorpus(items, manifest.codebookSize(), manifest.frameRate(), manifest.codec()));
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
