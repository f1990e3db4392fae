package dev.rvqlm.tokenizer.fine;

/**
 * The fine part of a trained codec: its layout and the factor {@code scale} that multiplies fine vectors in the joint
 * VQ vector [latent, scale · fine] (the structure's weight times the latent-to-fine RMS ratio measured when the
 * codebooks were seeded; stored in the codec file as tensor {@code fine.scale}).
 */
public record FineCoding(FineLayout layout, double scale) {

    public FineCoding {
        if (layout == null) {
            throw new IllegalArgumentException("fine coding needs its layout");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("fine-structure scale must be a positive number, got " + scale);
        }
    }

    /** The fine part of each of {@code features} [T][D], scaled, into columns {@code from..} of {@code out} [T][*]. */
    public void extract(float[][] features, float[][] out, int from) {
        int n = layout.length();
        for (int t = 0; t < features.length; t++) {
            layout.vectors().extract(features[t], out[t], from);
            for (int i = from; i < from + n; i++) {
                out[t][i] = (float) (out[t][i] * scale);
            }
        }
    }

    /** Writes the fine part of decoded VQ vectors (columns {@code from..}) into the features, frame t seeded by t. */
    public void insert(float[][] decoded, int from, float[][] features) {
        int n = layout.length();
        float[] unscaled = new float[n];
        for (int t = 0; t < features.length; t++) {
            for (int i = 0; i < n; i++) {
                unscaled[i] = (float) (decoded[t][from + i] / scale);
            }
            layout.vectors().insert(unscaled, 0, features[t], 0x9E3779B97F4A7C15L * (t + 1));
        }
    }
}
