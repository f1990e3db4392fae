package dev.rvqlm.tokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Statistics of K parallel code streams, pooled over files: per stream k its entropy H(k), perplexity 2^H, usage
 * (share of the N codes seen), the conditional entropies H(k | k−1) (stream k−1 of the same frame) and H(k | k at
 * t−1) (the same stream one frame earlier), all in bits and estimated by counting.
 *
 * <p>Plug-in conditional entropies come out low when code pairs are many and frames few: with N = 1024 there are a
 * million pairs, and a few thousand frames make two independent streams look strongly dependent. Each conditional
 * entropy is therefore measured twice, once as it is and once with the conditioning codes shuffled across frames
 * (which keeps both marginals and destroys any dependence). The difference is the dependence the counts can show,
 * {@link Stream#dependenceOnPrevious()}: about 0 for independent streams whatever the sample size, the mutual
 * information when frames are plentiful, and a conservative (low) figure when they are not.
 */
public final class StreamStatistics {

    /**
     * @param k                          0-based stream
     * @param entropy                    H(k), bits
     * @param perplexity                 2^H(k)
     * @param usage                      share of the N codes that occur, in [0, 1]
     * @param givenPrevious              plug-in H(k | k−1, same frame); equals H(k) for k = 0
     * @param givenPreviousFrame         plug-in H(k | same stream, previous frame)
     * @param givenPreviousShuffled      the same estimate as givenPrevious with stream k−1 shuffled across frames
     * @param givenPreviousFrameShuffled the same estimate as givenPreviousFrame with the previous frames shuffled
     */
    public record Stream(
            int k,
            double entropy,
            double perplexity,
            double usage,
            double givenPrevious,
            double givenPreviousFrame,
            double givenPreviousShuffled,
            double givenPreviousFrameShuffled) {

        /** How much stream k−1 of the same frame tells about stream k, beyond what shuffled codes appear to tell. */
        public double dependenceOnPrevious() {
            return Math.max(0, givenPreviousShuffled - givenPrevious);
        }

        /** How much the previous frame of the same stream tells about it, beyond what shuffled frames appear to. */
        public double dependenceOnPreviousFrame() {
            return Math.max(0, givenPreviousFrameShuffled - givenPreviousFrame);
        }
    }

    /** Fixed, so that the same codes always give the same statistics. */
    private static final long SHUFFLE_SEED = 0x5EED_5EEDL;

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
        for (int[][] f : files) {
            if (f.length != k) {
                throw new IllegalArgumentException("files differ in K: " + f.length + " vs " + k);
            }
        }
        int[][] streams = new int[k][];
        for (int s = 0; s < k; s++) {
            streams[s] = pooled(files, s, 0);
        }
        List<Stream> out = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            int[] current = streams[s];
            double h = entropy(toLong(current));
            long used = Arrays.stream(current).distinct().count();
            double given = h;
            double givenShuffled = h;
            if (s > 0) {
                int[] previous = streams[s - 1];
                given = conditional(current, previous, size);
                givenShuffled = conditional(current, shuffled(previous), size);
            }
            int[] later = pooled(files, s, 1);
            int[] earlier = pooledLagged(files, s);
            double givenFrame = later.length == 0 ? 0 : conditional(later, earlier, size);
            double givenFrameShuffled = later.length == 0 ? 0 : conditional(later, shuffled(earlier), size);
            out.add(new Stream(
                    s, h, Math.pow(2, h), (double) used / size, given, givenFrame, givenShuffled, givenFrameShuffled));
        }
        return out;
    }

    /**
     * The streams as a table, one row per stream: perplexity, usage, H, then for the same frame's previous stream and
     * the same stream's previous frame the plug-in conditional entropy, its shuffled baseline and their difference.
     */
    public static String table(List<Stream> streams, long frames, int size) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "%-4s %10s %7s %7s %7s %8s %8s %7s %8s %8s%n",
                "k",
                "perplexity",
                "usage%",
                "H",
                "H|k-1",
                "shuffled",
                "I(k;k-1)",
                "H|t-1",
                "shuffled",
                "I(k;t-1)"));
        for (Stream st : streams) {
            s.append(String.format(
                    Locale.ROOT,
                    "%-4d %10.1f %7.1f %7.3f %7.3f %8.3f %8.3f %7.3f %8.3f %8.3f%n",
                    st.k() + 1,
                    st.perplexity(),
                    100 * st.usage(),
                    st.entropy(),
                    st.givenPrevious(),
                    st.givenPreviousShuffled(),
                    st.dependenceOnPrevious(),
                    st.givenPreviousFrame(),
                    st.givenPreviousFrameShuffled(),
                    st.dependenceOnPreviousFrame()));
        }
        s.append(String.format(
                Locale.ROOT,
                "bits, plug-in estimates over %d frames; H|k-1: given stream k-1 of the "
                        + "same frame; H|t-1: given the same stream one frame earlier; shuffled: the same estimate with the "
                        + "given codes shuffled across frames (no dependence), which %d x %d code pairs push below H when "
                        + "frames are few; I = shuffled - plug-in: the dependence the counts show (a low estimate when pairs "
                        + "outnumber frames)%n",
                frames,
                size,
                size));
        return s.toString();
    }

    /** H(a | b) = H(a, b) − H(b), plug-in. */
    private static double conditional(int[] a, int[] b, int size) {
        long[] joint = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            joint[i] = (long) b[i] * size + a[i];
        }
        return Math.max(0, entropy(joint) - entropy(toLong(b)));
    }

    /** Stream s of every file, each file's first {@code skip} frames left out. */
    private static int[] pooled(List<int[][]> files, int stream, int skip) {
        return files.stream()
                .flatMapToInt(f -> Arrays.stream(f[stream], Math.min(skip, f[stream].length), f[stream].length))
                .toArray();
    }

    /** Stream s of every file without its last frame: the frame before each of {@code pooled(files, s, 1)}. */
    private static int[] pooledLagged(List<int[][]> files, int stream) {
        return files.stream()
                .flatMapToInt(f -> Arrays.stream(f[stream], 0, Math.max(0, f[stream].length - 1)))
                .toArray();
    }

    private static int[] shuffled(int[] values) {
        int[] out = values.clone();
        SplittableRandom random = new SplittableRandom(SHUFFLE_SEED);
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int v = out[i];
            out[i] = out[j];
            out[j] = v;
        }
        return out;
    }

    private static long[] toLong(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
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
