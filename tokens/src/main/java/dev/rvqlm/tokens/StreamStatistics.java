package dev.rvqlm.tokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Statistics of K parallel code streams, pooled over files: per stream k its entropy H(k), perplexity 2^H, usage
 * (share of the N codes seen), the conditional entropies H(k | k−1) (stream k−1 of the same frame) and H(k | k at
 * t−1) (the same stream one frame earlier), all in bits and estimated by counting (plug-in estimates: with few
 * frames per code pair the conditional entropies come out low).
 */
public final class StreamStatistics {

    /**
     * @param k                0-based stream
     * @param entropy          H(k), bits
     * @param perplexity       2^H(k)
     * @param usage            share of the N codes that occur, in [0, 1]
     * @param givenPrevious    H(k | k−1, same frame); equals H(k) for k = 0
     * @param givenPreviousFrame H(k | same stream, previous frame)
     */
    public record Stream(int k, double entropy, double perplexity, double usage, double givenPrevious,
            double givenPreviousFrame) {

        /** H(k) − H(k | k−1): how much stream k−1 of the same frame tells about stream k. */
        public double dependenceOnPrevious() {
            return entropy - givenPrevious;
        }
    }

    private StreamStatistics() {}

    /**
     * @param files per file, [K][T] codes in [0, N); every file has the same K
     * @param size  N
     */
    public static List<Stream> measure(List<int[][]> files, int size) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no token files to measure");
        }
        int k = files.get(0).length;
        List<Stream> out = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            int stream = s;
            long frames = files.stream().mapToLong(f -> f[stream].length).sum();
            int[] current = new int[(int) frames];
            long[] sameFrame = new long[(int) frames];
            long previousFrames = files.stream().mapToLong(f -> Math.max(0, f[stream].length - 1)).sum();
            long[] overTime = new long[(int) previousFrames];
            long[] previousOnly = new long[(int) previousFrames];
            int i = 0;
            int j = 0;
            for (int[][] f : files) {
                if (f.length != k) {
                    throw new IllegalArgumentException("files differ in K: " + f.length + " vs " + k);
                }
                for (int t = 0; t < f[s].length; t++) {
                    int c = f[s][t];
                    current[i] = c;
                    sameFrame[i++] = s == 0 ? c : (long) f[s - 1][t] * size + c;
                    if (t > 0) {
                        overTime[j] = (long) f[s][t - 1] * size + c;
                        previousOnly[j++] = f[s][t - 1];
                    }
                }
            }
            double h = entropy(Arrays.stream(current).asLongStream().toArray());
            double given = s == 0 ? h : entropy(sameFrame) - entropy(previousStream(files, s - 1, frames));
            double givenFrame = previousFrames == 0 ? 0 : entropy(overTime) - entropy(previousOnly);
            long used = Arrays.stream(current).distinct().count();
            out.add(new Stream(s, h, Math.pow(2, h), (double) used / size, Math.max(0, given),
                    Math.max(0, givenFrame)));
        }
        return out;
    }

    private static long[] previousStream(List<int[][]> files, int stream, long frames) {
        long[] out = new long[(int) frames];
        int i = 0;
        for (int[][] f : files) {
            for (int c : f[stream]) {
                out[i++] = c;
            }
        }
        return out;
    }

    /** Plug-in entropy in bits of the values' empirical distribution (sorts {@code values} in place). */
    static double entropy(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        Arrays.sort(values);
        double h = 0;
        int run = 1;
        for (int i = 1; i <= values.length; i++) {
            if (i < values.length && values[i] == values[i - 1]) {
                run++;
            } else {
                double p = (double) run / values.length;
                h -= p * Math.log(p);
                run = 1;
            }
        }
        return h / Math.log(2);
    }
}
