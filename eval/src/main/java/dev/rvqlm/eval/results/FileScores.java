package dev.rvqlm.eval.results;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One model's held-out NLL broken down by file, the unit the bootstrap resamples. F files, K codebooks.
 *
 * @param files  file names [F], in split order (the same for every pattern of a seed)
 * @param nats   [F][K] Σ −ln p over the file's scored codes of codebook k
 * @param counts [F][K] codes scored
 */
public record FileScores(List<String> files, double[][] nats, long[][] counts) {

    private static final double LN2 = Math.log(2);

    public FileScores {
        files = List.copyOf(files);
        if (nats.length != files.size() || counts.length != files.size()) {
            throw new IllegalArgumentException(
                    files.size() + " files but " + nats.length + " rows of nats and " + counts.length + " of counts");
        }
        nats = deepCopy(nats);
        counts = counts.clone();
    }

    public int fileCount() {
        return files.size();
    }

    public int codebooks() {
        return nats.length == 0 ? 0 : nats[0].length;
    }

    /** Bits per code over the files at {@code indices} (a file may repeat), all codebooks together. */
    public double bitsPerCode(int[] indices) {
        double n = 0;
        long c = 0;
        for (int f : indices) {
            for (int k = 0; k < nats[f].length; k++) {
                n += nats[f][k];
                c += counts[f][k];
            }
        }
        return n / c / LN2;
    }

    /** Bits per code of codebook {@code k} over the files at {@code indices}. */
    public double bitsPerCode(int[] indices, int k) {
        double n = 0;
        long c = 0;
        for (int f : indices) {
            n += nats[f][k];
            c += counts[f][k];
        }
        return n / c / LN2;
    }

    /** The indices 0..F−1: every file once. */
    public int[] all() {
        int[] all = new int[files.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileScores o
                && files.equals(o.files)
                && Arrays.deepEquals(nats, o.nats)
                && Arrays.deepEquals(counts, o.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(files, Arrays.deepHashCode(nats), Arrays.deepHashCode(counts));
    }

    @Override
    public String toString() {
        return "FileScores[" + files.size() + " files, K=" + codebooks() + ", " + bitsPerCode(all()) + " bits/code]";
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
