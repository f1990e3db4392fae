package dev.rvqlm.tokenizer.shaping;

/**
 * Applies a {@link Shaping} to MDCT frames: {@link #shape} makes the quantizer's D-vector from M coefficients,
 * {@link #unshape} goes back. Stateless apart from fixed tables; thread-safe.
 */
public final class FrameShaper {

    private final Shaping shaping;
    private final int hop;
    private final BandLayout layout; // only for GainShape
    private final double scale;

    public FrameShaper(Shaping shaping, int hop, int sampleRate) {
        this.shaping = shaping;
        this.hop = hop;
        this.scale = 1.0 / Math.sqrt(hop);
        this.layout = shaping instanceof Shaping.GainShape g ? BandLayout.mel(g.bands(), hop, sampleRate / 2.0) : null;
    }

    public int vectorSize() {
        return shaping.vectorSize(hop);
    }

    /** The band layout of a gain-shape shaping, or null. */
    public BandLayout layout() {
        return layout;
    }

    /** M MDCT coefficients to a D-vector. */
    public float[] shape(float[] mdct) {
        float[] v = new float[vectorSize()];
        if (shaping instanceof Shaping.Plain) {
            for (int i = 0; i < hop; i++) {
                v[i] = (float) (mdct[i] * scale);
            }
        } else if (shaping instanceof Shaping.PowerLaw p) {
            PowerLawCompander.compand(mdct, 0, hop, scale, p.exponent(), v, 0);
        } else if (shaping instanceof Shaping.GainShape g) {
            int bands = g.bands();
            float[] envelope = new float[bands];
            float[] shape = new float[hop];
            BandEnvelope.split(mdct, layout, envelope, shape);
            for (int b = 0; b < bands; b++) {
                v[b] = (float) (envelope[b] * g.envelopeWeight());
            }
            PowerLawCompander.compand(shape, 0, hop, 1, g.exponent(), v, bands);
            renormaliseBands(v, bands);
        }
        return v;
    }

    /**
     * A D-vector (as decoded) back to M MDCT coefficients. {@code frameIndex} seeds noise filling so decoding is
     * deterministic.
     */
    public float[] unshape(float[] v, long frameIndex) {
        float[] mdct = new float[hop];
        if (shaping instanceof Shaping.Plain) {
            for (int i = 0; i < hop; i++) {
                mdct[i] = (float) (v[i] / scale);
            }
        } else if (shaping instanceof Shaping.PowerLaw p) {
            PowerLawCompander.expand(v, 0, hop, scale, p.exponent(), mdct, 0);
        } else if (shaping instanceof Shaping.GainShape g) {
            int bands = g.bands();
            float[] envelope = new float[bands];
            for (int b = 0; b < bands; b++) {
                envelope[b] = (float) (v[b] / g.envelopeWeight());
            }
            float[] companded = new float[hop];
            System.arraycopy(v, bands, companded, 0, hop);
            if (g.noiseFill() == NoiseFill.MATCH_ENERGY) {
                NoiseFiller.fill(companded, layout, 0x9E3779B97F4A7C15L * (frameIndex + 1));
            }
            float[] shape = new float[hop];
            PowerLawCompander.expand(companded, 0, hop, 1, g.exponent(), shape, 0);
            BandEnvelope.join(envelope, shape, layout, mdct);
        }
        return mdct;
    }

    /** After companding, each band's shape is scaled back to unit norm (zero bands stay zero). */
    private void renormaliseBands(float[] v, int offset) {
        for (int b = 0; b < layout.bands(); b++) {
            int s = offset + layout.start(b);
            int w = layout.width(b);
            double n2 = 0;
            for (int i = s; i < s + w; i++) {
                n2 += (double) v[i] * v[i];
            }
            if (n2 > 0) {
                double inv = 1 / Math.sqrt(n2);
                for (int i = s; i < s + w; i++) {
                    v[i] = (float) (v[i] * inv);
                }
            }
        }
    }
}
