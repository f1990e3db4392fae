package dev.rvqlm.lm;

import java.util.Arrays;

/**
 * Held-out negative log-likelihood per codebook: the sum of nats and the number of codes scored.
 *
 * <pre>{@code
 * NllResult r = LmEvaluator.evaluate(model, windows, 8);
 * double[] perCodebook = r.meanNats();             // nats per code, codebook k
 * double bitsPerSecond = r.bitsPerSecond(75.0);    // all codebooks together, per audio second
 * }</pre>
 *
 * @param nats   [K] Σ −ln p(code) over scored codes of codebook k
 * @param counts [K] codes scored in codebook k
 */
public record NllResult(double[] nats, long[] counts) {

    public NllResult {
        if (nats.length != counts.length) {
            throw new IllegalArgumentException("nats and counts differ in K: " + nats.length + " vs " + counts.length);
        }
        nats = nats.clone();
        counts = counts.clone();
    }

    @Override
    public double[] nats() {
        return nats.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Nats per code for each codebook (NaN for a codebook with no scored code). */
    public double[] meanNats() {
        double[] out = new double[nats.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = counts[k] == 0 ? Double.NaN : nats[k] / counts[k];
        }
        return out;
    }

    /** The mean over codebooks of the per-codebook NLL (how the training loss averages). */
    public double meanOverCodebooks() {
        return Arrays.stream(meanNats()).average().orElse(Double.NaN);
    }

    /** Bits per audio second of all K streams: Σ_k (nats_k / count_k) / ln 2 · frames per second. */
    public double bitsPerSecond(double frameRate) {
        return Arrays.stream(meanNats()).sum() / Math.log(2) * frameRate;
    }

    /** The sum of two results over the same codebooks. */
    public NllResult plus(NllResult other) {
        double[] n = nats.clone();
        long[] c = counts.clone();
        for (int k = 0; k < n.length; k++) {
            n[k] += other.nats[k];
            c[k] += other.counts[k];
        }
        return new NllResult(n, c);
    }
}
