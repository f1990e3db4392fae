package dev.rvqlm.tokenizer.shaping;

import java.util.Arrays;

/**
 * Mel-spaced bands over the M bins of an MDCT: {@code edges[b]..edges[b+1]} are the bins of band b. Each band has
 * at least {@link #MIN_WIDTH} bins; the edges follow the HTK mel scale from 0 Hz to the Nyquist frequency.
 */
public record BandLayout(int[] edges) {

    public static final int MIN_WIDTH = 2;

    public BandLayout {
        edges = edges.clone();
        for (int b = 0; b + 1 < edges.length; b++) {
            if (edges[b + 1] - edges[b] < 1) {
                throw new IllegalArgumentException("band " + b + " is empty: edges " + Arrays.toString(edges));
            }
        }
    }

    /** {@code bands} mel-spaced bands over {@code bins} MDCT bins spanning 0 Hz to {@code nyquistHz}. */
    public static BandLayout mel(int bands, int bins, double nyquistHz) {
        if (bands < 1 || bands * MIN_WIDTH > bins) {
            throw new IllegalArgumentException(
                    bands + " bands of at least " + MIN_WIDTH + " bins do not fit in " + bins + " MDCT bins");
        }
        int[] e = new int[bands + 1];
        double binHz = nyquistHz / bins;
        double maxMel = mel(nyquistHz);
        for (int b = 1; b < bands; b++) {
            int ideal = (int) Math.round(melInverse(maxMel * b / bands) / binHz);
            int lowest = e[b - 1] + MIN_WIDTH;
            int highest = bins - (bands - b) * MIN_WIDTH;
            e[b] = Math.min(highest, Math.max(lowest, ideal));
        }
        e[bands] = bins;
        return new BandLayout(e);
    }

    /** HTK mel scale. */
    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double melInverse(double mel) {
        return (Math.pow(10, mel / 2595) - 1) * 700;
    }

    public int bands() {
        return edges.length - 1;
    }

    public int start(int band) {
        return edges[band];
    }

    public int width(int band) {
        return edges[band + 1] - edges[band];
    }

    @Override
    public int[] edges() {
        return edges.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandLayout other && Arrays.equals(edges, other.edges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        return "BandLayout" + Arrays.toString(edges);
    }
}
