package dev.rvqlm.tokens.imports;

import java.nio.file.Path;

/**
 * Where the token arrays are in the imported files and where each item ends.
 *
 * @param layout the axes of every array; null reads 2-D arrays as [K, T] and 3-D ones as [B, K, T]
 * @param tensor import only the array (of an {@code .npz}) or tensor (of a safetensors file) of this name; null
 *               imports every one
 * @param trim   how padded items are cut to their length
 */
public record ImportLayout(TokenLayout layout, String tensor, Trim trim) {

    /** Every array as it is: 2-D as [K, T], 3-D as [B, K, T], nothing trimmed. */
    public static final ImportLayout DEFAULT = new ImportLayout(null, null, Trim.NONE);

    public ImportLayout {
        if (tensor != null && tensor.isBlank()) {
            throw new IllegalArgumentException("--tensor needs a name");
        }
        trim = trim == null ? Trim.NONE : trim;
    }

    /** How a padded batch item is cut to its true length. */
    public sealed interface Trim {

        Trim NONE = new None();

        /** Every item is kept whole. */
        record None() implements Trim {}

        /**
         * One length (frames) per imported item, in import order, from a file: a 1-D integer {@code .npy} or text
         * with one integer per line (or separated by spaces).
         */
        record Lengths(Path file) implements Trim {}

        /** Trailing frames whose every code is {@code code} are padding (e.g. -1, or N as in MusicGen). */
        record Padding(int code) implements Trim {}
    }
}
