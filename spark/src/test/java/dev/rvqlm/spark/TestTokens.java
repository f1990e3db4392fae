package dev.rvqlm.spark;

import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A small token directory for eval tests: six files of 120 frames, K = 2, codebook 1 a copy of codebook 0. */
final class TestTokens {

    private TestTokens() {}

    static Path write(Path tokens) throws IOException {
        int n = 8;
        SplittableRandom random = new SplittableRandom(7);
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            int[][] codes = new int[2][120];
            for (int t = 0; t < 120; t++) {
                codes[0][t] = random.nextInt(n);
                codes[1][t] = codes[0][t];
            }
            TokenFiles.write(tokens.resolve("c" + f + ".npy"), codes, n);
            entries.add(new TokenManifest.Entry("c" + f + ".npy", 120, "c" + f + ".wav"));
        }
        new TokenManifest(TokenManifest.FORMAT_VERSION, "copy", 24000, 50.0, 2, n, entries).write(tokens);
        return tokens;
    }

    /** {@code args} with option {@code --name} set to {@code value} (replaced where given, appended otherwise). */
    static List<String> with(List<String> args, String name, String value) {
        List<String> out = new ArrayList<>(args);
        int i = out.indexOf("--" + name);
        if (i >= 0) {
            out.set(i + 1, value);
        } else {
            out.add("--" + name);
            out.add(value);
        }
        return out;
    }

    /** {@code rvq eval} options of a grid that trains in seconds: a 16-wide one-layer model, 16 steps. */
    static List<String> tinyEval(Path tokens, Path out, String... patterns) {
        List<String> args = new ArrayList<>(List.of(
                "eval",
                "--tokens",
                tokens.toString(),
                "--out",
                out.toString(),
                "--dim",
                "16",
                "--layers",
                "1",
                "--heads",
                "2",
                "--timesteps",
                "16",
                "--batch",
                "4",
                "--steps",
                "16",
                "--warmup",
                "2",
                "--lr",
                "3e-3",
                "--seed",
                "5",
                "--held-out",
                "0.34",
                "--validation",
                "0.17",
                "--eval-every",
                "4",
                "--patience",
                "0",
                "--prompts",
                "2",
                "--prompt-seconds",
                "0.2",
                "--continuation-seconds",
                "0.3",
                "--top-k",
                "4",
                "--threads",
                "1"));
        for (String p : patterns) {
            args.add("--pattern");
            args.add(p);
        }
        return args;
    }
}
