package dev.rvqlm.tokens;

import java.io.IOException;
import java.nio.file.Path;

/** Token files: int[K][T] codes as {@code .npy}, checked against a codec's K and N. */
public final class TokenFiles {

    private TokenFiles() {}

    /** Reads codes from an int16/int32 [K, T] .npy file. */
    public static int[][] read(Path file) throws IOException {
        return NpyFile.read(file);
    }

    /** Reads codes and checks them against a codec: K rows, every value in [0, N). */
    public static int[][] read(Path file, int codebooks, int codebookSize) throws IOException {
        int[][] codes = read(file);
        check(codes, codebooks, codebookSize, file);
        return codes;
    }

    /** Writes codes in the smallest dtype that holds [0, N) (int16 for N ≤ 32768), atomically. */
    public static void write(Path file, int[][] codes, int codebookSize) throws IOException {
        NpyFile.write(file, codes, NpyFile.Dtype.forCodebookSize(codebookSize));
    }

    /** The exact bytes {@link #write} stores, for writers that store token files elsewhere (a Hadoop file system). */
    public static byte[] bytes(int[][] codes, int codebookSize) {
        return NpyFile.encode(codes, NpyFile.Dtype.forCodebookSize(codebookSize));
    }

    /**
     * Checks K (at most the codec's; fewer is allowed for decoding a prefix) and that every code is in [0, N).
     *
     * @throws TokenFileException naming the file, the codebook and frame of the first bad code
     */
    public static void check(int[][] codes, int codebooks, int codebookSize, Path file) {
        if (codes.length == 0 || codes.length > codebooks) {
            throw new TokenFileException(file, "has K=" + codes.length + " codebooks but the codec has K=" + codebooks);
        }
        for (int k = 0; k < codes.length; k++) {
            for (int t = 0; t < codes[k].length; t++) {
                int c = codes[k][t];
                if (c < 0 || c >= codebookSize) {
                    throw new TokenFileException(
                            file,
                            "code " + c + " at codebook " + k + ", frame " + t + " is out of range [0, " + codebookSize
                                    + ")");
                }
            }
        }
    }
}
