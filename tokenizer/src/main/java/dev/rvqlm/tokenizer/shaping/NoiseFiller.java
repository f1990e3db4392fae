package dev.rvqlm.tokenizer.shaping;

import java.util.SplittableRandom;

/**
 * Noise filling: a decoded band shape {@code ĉ} (ideally unit norm, shrunk towards zero by quantization) gets
 * Gaussian noise orthogonal to it, of norm {@code sqrt(1 − ‖ĉ‖²)}, added, so the band's fine structure carries its full energy
 * instead of piling it onto the few components the codebooks reproduced. Deterministic: the noise comes from
 * a generator seeded by the caller (the frame index).
 */
public final class NoiseFiller {

    private NoiseFiller() {}

    /** Fills every band of {@code shape} in place. */
    public static void fill(float[] shape, BandLayout layout, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] noise = new double[shape.length];
        for (int b = 0; b < layout.bands(); b++) {
            int s = layout.start(b);
            int w = layout.width(b);
            double norm2 = 0;
            for (int i = s; i < s + w; i++) {
                norm2 += (double) shape[i] * shape[i];
            }
            double missing = 1 - norm2;
            double dot = 0;
            for (int i = s; i < s + w; i++) {
                noise[i] = random.nextGaussian();
                dot += noise[i] * shape[i];
            }
            // Keep only the part of the noise orthogonal to the decoded shape, so the energies add up exactly.
            double noiseNorm2 = 0;
            for (int i = s; i < s + w; i++) {
                if (norm2 > 0) {
                    noise[i] -= dot / norm2 * shape[i];
                }
                noiseNorm2 += noise[i] * noise[i];
            }
            if (missing <= 0 || noiseNorm2 == 0) {
                continue;
            }
            double scale = Math.sqrt(missing / noiseNorm2);
            for (int i = s; i < s + w; i++) {
                shape[i] += (float) (noise[i] * scale);
            }
        }
    }
}
