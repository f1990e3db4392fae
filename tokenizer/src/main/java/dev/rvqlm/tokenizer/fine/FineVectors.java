package dev.rvqlm.tokenizer.fine;

import dev.rvqlm.tokenizer.shaping.BandLayout;
import dev.rvqlm.tokenizer.shaping.Shaping;
import java.util.SplittableRandom;

/**
 * Moves the fine structure of the lowest bands between a gain-shape feature vector (envelope values of every band,
 * then the companded unit-norm shapes of the M bins) and the vector the residual VQ codes: the linear unit-norm shape
 * of each fine band scaled by √(width), so that every coefficient has unit RMS whatever the band's width, and by the
 * band's emphasis (its RMS relative to the fine bands' RMS, to the power {@link FineStructure#emphasis()}), so that
 * the VQ's squared error counts louder bands more.
 *
 * <p>{@link #insert} is the inverse of {@link #extract} for a vector that was coded exactly: it takes each band's
 * direction, and recomputes the emphasis from the decoded envelope. A band whose coded shape has less than its full
 * norm (a coarse quantisation) gets seeded Gaussian noise orthogonal to it for the missing part (noise filling, as
 * CELT does), so the band keeps its energy whatever the number of stages. Thread-safe.
 */
public final class FineVectors {

    /** Shortfalls of a band's squared norm below this are float rounding of an exact code, not left to noise. */
    static final double FILL_TOLERANCE = 1e-4;
    /** Emphasis factors are kept within [1/this, this]. */
    static final double MAX_EMPHASIS = 1e3;

    private final BandLayout layout;
    private final int bands;
    private final int envelopeDims;
    private final double exponent;
    private final double envelopeWeight;
    private final double emphasis;
    private final int length;

    /**
     * @param layout    the gain-shape band layout over the M bins
     * @param shaping   the codec's gain-shape shaping (its exponent and envelope weight)
     * @param structure which bands, and their emphasis
     */
    public FineVectors(BandLayout layout, Shaping.GainShape shaping, FineStructure structure) {
        if (structure.bands() > layout.bands()) {
            throw new IllegalArgumentException("fine-structure bands must be in [1, " + layout.bands()
                    + "] (the shaping's bands), got " + structure.bands());
        }
        this.layout = layout;
        this.bands = structure.bands();
        this.envelopeDims = layout.bands();
        this.exponent = shaping.exponent();
        this.envelopeWeight = shaping.envelopeWeight();
        this.emphasis = structure.emphasis();
        this.length = layout.start(bands - 1) + layout.width(bands - 1);
    }

    /** Values per frame: the MDCT bins of the fine bands. */
    public int length() {
        return length;
    }

    public int bands() {
        return bands;
    }

    /** The fine vector of one feature vector, written to {@code out[offset..offset + length)}. */
    public void extract(float[] feature, float[] out, int offset) {
        double[] gains = emphases(feature);
        for (int b = 0; b < bands; b++) {
            int s = layout.start(b);
            int w = layout.width(b);
            double n2 = 0;
            for (int i = s; i < s + w; i++) {
                double v = expand(feature[envelopeDims + i]);
                out[offset + i] = (float) v;
                n2 += v * v;
            }
            double scale = n2 > 0 ? Math.sqrt(w / n2) * gains[b] : 0;
            for (int i = s; i < s + w; i++) {
                out[offset + i] = (float) (out[offset + i] * scale);
            }
        }
    }

    /**
     * Writes a coded fine vector {@code coded[offset..offset + length)} into the shape slots of {@code feature} (in
     * place; its envelope values are the decoded ones), each band noise-filled to its full norm; {@code seed} makes
     * the noise deterministic (the frame index).
     */
    public void insert(float[] coded, int offset, float[] feature, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] gains = emphases(feature);
        double[] band = new double[length];
        double[] noise = new double[length];
        for (int b = 0; b < bands; b++) {
            int s = layout.start(b);
            int w = layout.width(b);
            double inv = gains[b] > 0 ? 1 / (Math.sqrt(w) * gains[b]) : 0;
            double n2 = 0;
            double dot = 0;
            for (int i = s; i < s + w; i++) {
                band[i] = coded[offset + i] * inv;
                n2 += band[i] * band[i];
                noise[i] = random.nextGaussian();
                dot += noise[i] * band[i];
            }
            if (n2 < 1 - FILL_TOLERANCE) {
                fill(band, noise, s, w, n2, dot);
            }
            writeCompanded(band, s, w, feature);
        }
    }

    /** Adds the part of {@code noise} orthogonal to the band's coded shape, scaled to the missing norm. */
    private static void fill(double[] band, double[] noise, int s, int w, double n2, double dot) {
        double noise2 = 0;
        for (int i = s; i < s + w; i++) {
            if (n2 > 0) {
                noise[i] -= dot / n2 * band[i];
            }
            noise2 += noise[i] * noise[i];
        }
        double scale = noise2 > 0 ? Math.sqrt((1 - n2) / noise2) : 0;
        for (int i = s; i < s + w; i++) {
            band[i] += noise[i] * scale;
        }
    }

    /** Companded, then scaled to unit norm, as the shaping leaves every band of a feature vector. */
    private void writeCompanded(double[] band, int s, int w, float[] feature) {
        double norm = 0;
        for (int i = s; i < s + w; i++) {
            band[i] = Math.copySign(Math.pow(Math.abs(band[i]), exponent), band[i]);
            norm += band[i] * band[i];
        }
        double renorm = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int i = s; i < s + w; i++) {
            feature[envelopeDims + i] = (float) (band[i] * renorm);
        }
    }

    /** Per fine band, (its RMS / the fine bands' RMS)^emphasis from the feature's envelope values; 1 without. */
    private double[] emphases(float[] feature) {
        double[] out = new double[bands];
        if (emphasis == 0) {
            java.util.Arrays.fill(out, 1);
            return out;
        }
        double energy = 0;
        double[] rms2 = new double[bands];
        for (int b = 0; b < bands; b++) {
            rms2[b] = Math.pow(2, 2 * feature[b] / envelopeWeight);
            energy += rms2[b] * layout.width(b);
        }
        double mean = energy / length;
        for (int b = 0; b < bands; b++) {
            double g = mean > 0 ? Math.pow(rms2[b] / mean, emphasis / 2) : 1;
            out[b] = Math.max(1 / MAX_EMPHASIS, Math.min(MAX_EMPHASIS, g));
        }
        return out;
    }

    private double expand(double companded) {
        return Math.copySign(Math.pow(Math.abs(companded), 1 / exponent), companded);
    }
}
