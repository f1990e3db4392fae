package dev.rvqlm.tokens.imports;

import dev.rvqlm.tokens.TokenFileException;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns integer arrays made elsewhere (EnCodec, DAC, Mimi or any codec's codes saved from Python) into a token
 * directory: one {@code .npy} per item in the smallest dtype, and {@code manifest.json}. Inputs are {@code .npy}
 * files, {@code .npz} archives and safetensors files ({@link ImportSources}); 2-D arrays are one item [K, T], 3-D
 * arrays a batch [B, K, T] of B items (other axis orders by {@link TokenLayout}), each item its own token file
 * ({@code NAME_i.npy}), cut to its length ({@link ImportLayout.Trim}). Every input is read and checked before
 * anything is written, so a bad file leaves no half-written directory behind.
 *
 * <pre>{@code
 * // Python: np.save("clip.npy", codes)       # codes: int array [B, K, T] from encodec, values in [0, N)
 * TokenManifest m = TokenImport.run(new ImportConfig(75.0, 24000, 1024, 0, "encodec_24khz"), ImportLayout.DEFAULT,
 *         List.of(Path.of("codes/")), Path.of("tokens/"), System.out::println);
 * }</pre>
 */
public final class TokenImport {

    private TokenImport() {}

    /** One token file to write: its name in the directory, its origin, its codes [K][T]. */
    record Item(String name, String origin, int[][] codes) {}

    /**
     * @param inputs   files, or directories whose {@code .npy}, {@code .npz} and {@code .safetensors} files
     *                 (recursively) are imported with their relative paths
     * @param out      the token directory to write
     * @param progress one line per file written
     * @return the manifest written
     */
    public static TokenManifest run(
            ImportConfig config, ImportLayout layout, List<Path> inputs, Path out, Consumer<String> progress)
            throws IOException {
        List<Item> items = trim(items(ImportSources.read(inputs, layout.tensor()), layout), layout.trim());
        int codebooks = codebooks(config, items);
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            TokenFiles.write(out.resolve(item.name()), Arrays.copyOf(item.codes(), codebooks), config.codebookSize());
            entries.add(new TokenManifest.Entry(item.name(), item.codes()[0].length, item.origin()));
            progress.accept(String.format(
                    Locale.ROOT,
                    "import %d/%d  %s  K=%d T=%d",
                    i + 1,
                    items.size(),
                    item.name(),
                    codebooks,
                    item.codes()[0].length));
        }
        TokenManifest manifest = TokenManifest.of(
                config.source(), config.sampleRate(), config.frameRate(), codebooks, config.codebookSize(), entries);
        manifest.write(out);
        return manifest;
    }

    /** Every source's items: one per 2-D array, B per batch, batch items named NAME_i (i zero-padded). */
    static List<Item> items(List<ImportSources.Source> sources, ImportLayout layout) {
        List<Item> items = new ArrayList<>();
        for (ImportSources.Source s : sources) {
            TokenLayout l = layout.layout() != null ? layout.layout() : TokenLayout.byRank(s.array(), s.origin());
            List<int[][]> codes = l.items(s.array(), s.origin());
            if (!l.batched()) {
                items.add(new Item(s.name() + ".npy", s.origin(), codes.get(0)));
                continue;
            }
            int width = Integer.toString(Math.max(0, codes.size() - 1)).length();
            for (int b = 0; b < codes.size(); b++) {
                String index = String.format(Locale.ROOT, "%0" + width + "d", b);
                items.add(new Item(s.name() + "_" + index + ".npy", s.origin() + "[" + b + "]", codes.get(b)));
            }
        }
        return items;
    }

    /** The items cut as {@code trim} says; an item left without frames is an error naming it. */
    static List<Item> trim(List<Item> items, ImportLayout.Trim trim) throws IOException {
        int[] lengths = trim instanceof ImportLayout.Trim.Lengths l ? ItemLengths.read(l.file(), items.size()) : null;
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            int frames = item.codes().length == 0 ? 0 : item.codes()[0].length;
            if (frames == 0) {
                throw new TokenFileException(
                        item.origin(), "empty array: token arrays need K ≥ 1 rows and T ≥ 1 frames");
            }
            int keep = frames;
            if (lengths != null) {
                if (lengths[i] < 1 || lengths[i] > frames) {
                    throw new TokenFileException(
                            item.origin(),
                            "length " + lengths[i] + " (entry " + i + " of --lengths) is not in [1, " + frames + "]");
                }
                keep = lengths[i];
            } else if (trim instanceof ImportLayout.Trim.Padding p) {
                keep = unpadded(item.codes(), p.code());
                if (keep == 0) {
                    throw new TokenFileException(item.origin(), "every frame is padding (code " + p.code() + ")");
                }
            }
            out.add(new Item(item.name(), item.origin(), keep == frames ? item.codes() : cut(item.codes(), keep)));
        }
        return out;
    }

    private static int[][] cut(int[][] codes, int frames) {
        return Arrays.stream(codes).map(row -> Arrays.copyOf(row, frames)).toArray(int[][]::new);
    }

    /** Frames before the trailing run of frames whose every code is {@code pad}. */
    static int unpadded(int[][] codes, int pad) {
        int t = codes[0].length;
        while (t > 0) {
            for (int[] row : codes) {
                if (row[t - 1] != pad) {
                    return t;
                }
            }
            t--;
        }
        return 0;
    }

    /** K of the token directory: the config's, or every item's when the config keeps all; codes checked. */
    static int codebooks(ImportConfig config, List<Item> items) {
        int codebooks = config.codebooks() == 0 ? items.get(0).codes().length : config.codebooks();
        for (Item item : items) {
            int k = item.codes().length;
            if (k < codebooks) {
                throw new TokenFileException(
                        item.origin(),
                        "has " + k + " codebooks but "
                                + (config.codebooks() == 0 ? "the first item has " : "--codebooks asks for ")
                                + codebooks + " (arrays are read as [K, T] or [B, K, T]; --layout says otherwise)");
            }
            if (config.codebooks() == 0 && k != codebooks) {
                throw new TokenFileException(
                        item.origin(),
                        "has " + k + " codebooks but the first item has " + codebooks
                                + "; give --codebooks K to keep the first K of each");
            }
            TokenFiles.check(
                    Arrays.copyOf(item.codes(), codebooks), codebooks, config.codebookSize(), Path.of(item.origin()));
        }
        return codebooks;
    }
}
