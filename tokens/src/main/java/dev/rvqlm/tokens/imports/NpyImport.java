package dev.rvqlm.tokens.imports;

import dev.rvqlm.tokens.NpyFile;
import dev.rvqlm.tokens.TokenFileException;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns plain integer {@code .npy} arrays [K, T] (EnCodec, DAC or any codec's codes saved from Python) into a token
 * directory: one {@code .npy} per input in the smallest dtype, and {@code manifest.json}. Every input is read and
 * checked before anything is written, so a bad file leaves no half-written directory behind.
 *
 * <pre>{@code
 * // Python: np.save("clip.npy", codes)       # codes: int array [K, T], values in [0, N)
 * TokenManifest m = NpyImport.run(new ImportConfig(75.0, 24000, 1024, 0, "encodec_24khz"),
 *         List.of(Path.of("codes/")), Path.of("tokens/"), System.out::println);
 * }</pre>
 */
public final class NpyImport {

    private NpyImport() {}

    /** One input file and the name it gets in the token directory. */
    record Input(Path file, String name) {}

    /**
     * @param inputs   {@code .npy} files, or directories whose {@code .npy} files (recursively) are imported with
     *                 their relative paths
     * @param out      the token directory to write
     * @param progress one line per file
     * @return the manifest written
     */
    public static TokenManifest run(ImportConfig config, List<Path> inputs, Path out, Consumer<String> progress)
            throws IOException {
        List<Input> files = list(inputs);
        List<int[][]> arrays = new ArrayList<>();
        int codebooks = config.codebooks();
        for (Input input : files) {
            int[][] codes = NpyFile.readAnyInteger(input.file());
            if (codes.length == 0 || codes[0].length == 0) {
                throw new TokenFileException(
                        input.file(), "empty array: token arrays need K ≥ 1 rows and T ≥ 1 " + "frames");
            }
            if (codebooks == 0) {
                codebooks = codes.length;
            }
            if (codes.length < codebooks) {
                throw new TokenFileException(
                        input.file(),
                        "has " + codes.length + " rows (codebooks) but "
                                + (config.codebooks() == 0 ? "the first file has " : "--codebooks asks for ")
                                + codebooks
                                + "; arrays must be [K, T]");
            }
            if (config.codebooks() == 0 && codes.length != codebooks) {
                throw new TokenFileException(
                        input.file(),
                        "has " + codes.length + " rows (codebooks) but the first " + "file has " + codebooks
                                + "; give --codebooks K to keep the first K of each");
            }
            int[][] kept = Arrays.copyOf(codes, codebooks);
            TokenFiles.check(kept, codebooks, config.codebookSize(), input.file());
            arrays.add(kept);
        }
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Input input = files.get(i);
            int[][] codes = arrays.get(i);
            TokenFiles.write(out.resolve(input.name()), codes, config.codebookSize());
            entries.add(new TokenManifest.Entry(
                    input.name(), codes[0].length, input.file().toString()));
            progress.accept(String.format(
                    "import %d/%d  %s  K=%d T=%d", i + 1, files.size(), input.name(), codes.length, codes[0].length));
        }
        TokenManifest manifest = TokenManifest.of(
                config.source(), config.sampleRate(), config.frameRate(), codebooks, config.codebookSize(), entries);
        manifest.write(out);
        return manifest;
    }

    /** The {@code .npy} files named or found (sorted within a directory), each with a distinct output name. */
    static List<Input> list(List<Path> inputs) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("give .npy files or a directory of them to import");
        }
        List<Input> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    List<Path> found = walk.filter(
                                    p -> Files.isRegularFile(p) && p.toString().endsWith(".npy"))
                            .sorted()
                            .toList();
                    if (found.isEmpty()) {
                        throw new IllegalArgumentException(input + ": no .npy files in this directory");
                    }
                    for (Path p : found) {
                        files.add(new Input(p, input.relativize(p).toString().replace('\\', '/')));
                    }
                }
            } else if (Files.isRegularFile(input)) {
                files.add(new Input(input, input.getFileName().toString()));
            } else {
                throw new IllegalArgumentException(input + ": no such file or directory");
            }
        }
        Set<String> names = new HashSet<>();
        for (Input input : files) {
            if (input.name().equals(TokenManifest.FILE_NAME) || !names.add(input.name())) {
                throw new IllegalArgumentException(input.file() + ": another input is also named " + input.name()
                        + " in the token directory; import them from one directory to keep their relative paths");
            }
        }
        return files;
    }
}
