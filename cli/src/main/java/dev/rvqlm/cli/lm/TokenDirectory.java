package dev.rvqlm.cli.lm;

import dev.rvqlm.lm.TokenCorpus;
import dev.rvqlm.tokenizer.TokenFiles;
import dev.rvqlm.tokenizer.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a token directory (the tokenizer's {@code manifest.json} + {@code .npy} files) into a {@link TokenCorpus}. */
final class TokenDirectory {

    private TokenDirectory() {}

    static TokenCorpus read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a token directory");
        }
        if (!Files.exists(dir.resolve(TokenManifest.FILE_NAME))) {
            throw new IllegalArgumentException(dir + " has no " + TokenManifest.FILE_NAME + " (make it with rvq encode)");
        }
        TokenManifest manifest = TokenManifest.read(dir);
        List<TokenCorpus.Item> items = new ArrayList<>();
        for (TokenManifest.Entry entry : manifest.files()) {
            Path file = dir.resolve(entry.name());
            int[][] codes = TokenFiles.read(file, manifest.codebooks(), manifest.codebookSize());
            if (codes.length != manifest.codebooks()) {
                throw new IllegalArgumentException(file + " has K=" + codes.length + " codebooks but the manifest says K="
                        + manifest.codebooks());
            }
            items.add(new TokenCorpus.Item(entry.name(), codes));
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(dir + ": the manifest lists no token files");
        }
        return new TokenCorpus(items, manifest.codebookSize(), manifest.frameRate(), manifest.codec());
    }
}
