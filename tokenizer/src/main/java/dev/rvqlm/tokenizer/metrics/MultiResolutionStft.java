package dev.rvqlm.tokenizer.metrics;

import java.util.Arrays;

/**
 * Multi-resolution STFT distance (as in Parallel WaveGAN's auxiliary loss): for windows of 512, 1024 and 2048
 * samples (hop a quarter window, {@link Stft}), spectral convergence ‖S − Ŝ‖_F / ‖S‖_F plus the mean absolute
 * difference of log10 magnitudes (floored at 1e-7); the distance is the mean over the three resolutions.
 */
public final class MultiResolutionStft {

    private static final int[] SIZES = {512, 1024, 2048};
    private static final double FLOOR = 1e-7;

    private MultiResolutionStft() {}

    /**
     * The distance's two terms, each the mean over the three resolutions: spectral convergence (dominated by the
     * loudest bins, the harmonic peaks) and the mean absolute log10-magnitude difference (every bin alike).
     */
    public record Parts(double convergence, double logMagnitude) {

        /** The distance: convergence + log-magnitude. */
        public double total() {
            return convergence + logMagnitude;
        }
    }

    public static double distance(float[] reference, float[] test) {
        return parts(reference, test).total();
    }

    public static Parts parts(float[] reference, float[] test) {
        int n = Math.min(reference.length, test.length);
        float[] a = Arrays.copyOf(reference, n);
        float[] b = Arrays.copyOf(test, n);
        double convergenceSum = 0;
        double logSum = 0;
        for (int size : SIZES) {
            Stft stft = new Stft(size, size / 4);
            float[][] sa = stft.magnitude(a);
            float[][] sb = stft.magnitude(b);
            double diff2 = 0;
            double ref2 = 0;
            double logDiff = 0;
            long count = 0;
            for (int t = 0; t < sa.length; t++) {
                for (int k = 0; k < sa[t].length; k++) {
                    double x = sa[t][k];
                    double y = sb[t][k];
                    diff2 += (x - y) * (x - y);
                    ref2 += x * x;
                    logDiff += Math.abs(Math.log10(Math.max(x, FLOOR)) - Math.log10(Math.max(y, FLOOR)));
                    count++;
                }
            }
            double convergence = ref2 > 0 ? Math.sqrt(diff2 / ref2) : (diff2 > 0 ? 1 : 0);
            convergenceSum += convergence;
            logSum += logDiff / count;
        }
        return new Parts(convergenceSum / SIZES.length, logSum / SIZES.length);
    }
}
