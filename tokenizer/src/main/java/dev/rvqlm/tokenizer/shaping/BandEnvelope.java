package dev.rvqlm.tokenizer.shaping;

/**
 * Gain-shape split of one MDCT frame: per band b, the envelope value {@code log2(max(rms_b, FLOOR))} (rms of the
 * band's coefficients divided by √M) and the band's unit-norm shape. {@link #join} is the exact inverse for bands
 * above the floor.
 */
public final class BandEnvelope {

    /** RMS floor (about -100 dB re full scale): digital silence has envelope log2(1e-5) ≈ -16.6. */
    public static final double FLOOR = 1e-5;

    private BandEnvelope() {}

    /**
     * Splits {@code mdct} (M coefficients) into {@code envelope[b]} and unit-norm shapes written into {@code shape}
     * (M values, band by band). A band at or below the floor gets an all-zero shape.
     */
    public static void split(float[] mdct, BandLayout layout, float[] envelope, float[] shape) {
        double norm = 1.0 / Math.sqrt(mdct.length);
        for (int b = 0; b < layout.bands(); b++) {
            int s = layout.start(b);
            int w = layout.width(b);
            double energy = 0;
            for (int i = s; i < s + w; i++) {
                energy += (double) mdct[i] * mdct[i];
            }
            double rms = Math.sqrt(energy / w) * norm;
            envelope[b] = (float) (Math.log(Math.max(rms, FLOOR)) / Math.log(2));
            double inv = energy > 0 && rms > FLOOR ? 1.0 / Math.sqrt(energy) : 0;
            for (int i = s; i < s + w; i++) {
                shape[i] = (float) (mdct[i] * inv);
            }
        }
    }

    /**
     * Rebuilds M coefficients: each band's shape is normalised to unit norm and scaled to the energy its envelope
     * value gives. A band whose shape is all zero stays zero.
     */
    public static void join(float[] envelope, float[] shape, BandLayout layout, float[] mdct) {
        double sqrtM = Math.sqrt(mdct.length);
        for (int b = 0; b < layout.bands(); b++) {
            int s = layout.start(b);
            int w = layout.width(b);
            double rms = Math.pow(2, envelope[b]);
            double norm = 0;
            for (int i = s; i < s + w; i++) {
                norm += (double) shape[i] * shape[i];
            }
            double scale = norm > 0 && rms > FLOOR * 1.0001 ? rms * sqrtM * Math.sqrt(w) / Math.sqrt(norm) : 0;
            for (int i = s; i < s + w; i++) {
                mdct[i] = (float) (shape[i] * scale);
            }
        }
    }
}
