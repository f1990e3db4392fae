package dev.rvqlm.tokens.imports;

import dev.rvqlm.tokens.InputFiles;
import dev.rvqlm.tokens.IntArray;
import dev.rvqlm.tokens.NpyFile;
import dev.rvqlm.tokens.TokenFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** The {@code --lengths} file: one length per imported item, as a 1-D integer {@code .npy} or as text. */
final class ItemLengths {

    private ItemLengths() {}

    static int[] read(Path file, int items) throws IOException {
        int[] lengths;
        if (file.getFileName().toString().endsWith(".npy")) {
            IntArray a = NpyFile.readIntegers(file);
            if (a.rank() != 1 && !(a.rank() == 2 && a.dim(1) == 1)) {
                throw new TokenFileException(
                        file, "lengths must be a 1-D array [B], this one has shape " + a.shapeText());
            }
            lengths = a.values();
        } else {
            String text = new String(InputFiles.readAllBytes(file), StandardCharsets.UTF_8).strip();
            try {
                lengths = text.isEmpty()
                        ? new int[0]
                        : Arrays.stream(text.split("[\\s,]+"))
                                .mapToInt(Integer::parseInt)
                                .toArray();
            } catch (NumberFormatException e) {
                throw new TokenFileException(file, "lengths must be integers, one per item (" + e.getMessage() + ")");
            }
        }
        if (lengths.length != items) {
            throw new TokenFileException(
                    file,
                    "holds " + lengths.length + " lengths for " + items + " imported items (one per item, in order)");
        }
        return lengths;
    }
}
