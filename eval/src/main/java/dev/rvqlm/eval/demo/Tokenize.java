package dev.rvqlm.eval.demo;

import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Encodes audio files with a codec into a token directory: one {@code .npy} [K, T] per file plus the manifest. */
public final class Tokenize {

    private Tokenize() {}

    /**
     * @param audio    audio files (any rate or channel count the tokenizer reads)
     * @param out      the token directory (created if needed)
     * @param progress one line per file
     * @return the manifest written to {@code out}
     */
    public static TokenManifest encode(Codec codec, List<Path> audio, Path out, Consumer<String> progress)
            throws IOException {
        if (audio.isEmpty()) {
            throw new IllegalArgumentException("no audio files to tokenize");
        }
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (Path file : audio) {
            float[] mono = AudioIO.readMono(file, codec.sampleRate());
            int[][] codes = codec.encode(mono);
            String stem = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            String name = stem + ".npy";
            TokenFiles.write(out.resolve(name), codes, codec.codebookSize());
            entries.add(new TokenManifest.Entry(name, codes[0].length, file.getFileName().toString()));
            progress.accept(String.format("tokens %d/%d  %s  K=%d T=%d", entries.size(), audio.size(), name,
                    codes.length, codes[0].length));
        }
        TokenManifest manifest = codec.manifest(entries);
        manifest.write(out);
        return manifest;
    }
}
