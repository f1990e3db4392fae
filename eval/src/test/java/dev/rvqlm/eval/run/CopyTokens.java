package dev.rvqlm.eval.run;

import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A known-answer token directory: six files of 120 frames, K = 2, codebook 0 uniform noise over N codes and codebook
 * 1 a copy of it. A model that sees code 0 of a frame before code 1 can reach log2 N / 2 bits per code; one that
 * predicts both at once cannot beat log2 N.
 */
final class CopyTokens {

    private CopyTokens() {}

    /** Writes the directory (seeded, so every test gets the same codes) and returns it. */
    static Path write(Path tokens, int codebookSize) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            int[][] codes = new int[2][120];
            for (int t = 0; t < 120; t++) {
                codes[0][t] = random.nextInt(codebookSize);
                codes[1][t] = codes[0][t];
            }
            TokenFiles.write(tokens.resolve("c" + f + ".npy"), codes, codebookSize);
            entries.add(new TokenManifest.Entry("c" + f + ".npy", 120, "c" + f + ".wav"));
        }
        new TokenManifest(TokenManifest.FORMAT_VERSION, "copy", 24000, 50.0, 2, codebookSize, entries).write(tokens);
        return tokens;
    }
}
