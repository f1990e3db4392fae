package dev.rvqlm.tokenizer.metrics;

/** Signal-to-noise ratios on waveforms (both cut to the shorter length). */
public final class WaveformMetrics {

    /** Cap for identical signals, in dB. */
    public static final double MAX_DB = 200;

    private WaveformMetrics() {}

    /** SNR = 10·log10(Σ ref² / Σ (ref − test)²), in dB. */
    public static double snr(float[] reference, float[] test) {
        int n = Math.min(reference.length, test.length);
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < n; i++) {
            signal += (double) reference[i] * reference[i];
            double e = reference[i] - test[i];
            noise += e * e;
        }
        return ratioDb(signal, noise);
    }

    /**
     * Scale-invariant SNR (Le Roux et al. 2019): with both signals made zero-mean, s = (⟨test, ref⟩/‖ref‖²)·ref,
     * e = test − s, SI-SNR = 10·log10(‖s‖² / ‖e‖²), in dB.
     */
    public static double siSnr(float[] reference, float[] test) {
        int n = Math.min(reference.length, test.length);
        double meanRef = 0;
        double meanTest = 0;
        for (int i = 0; i < n; i++) {
            meanRef += reference[i];
            meanTest += test[i];
        }
        meanRef /= Math.max(1, n);
        meanTest /= Math.max(1, n);
        double dot = 0;
        double refEnergy = 0;
        for (int i = 0; i < n; i++) {
            double r = reference[i] - meanRef;
            dot += r * (test[i] - meanTest);
            refEnergy += r * r;
        }
        if (refEnergy == 0) {
            return 0;
        }
        double alpha = dot / refEnergy;
        double target = 0;
        double noise = 0;
        for (int i = 0; i < n; i++) {
            double s = alpha * (reference[i] - meanRef);
            double e = (test[i] - meanTest) - s;
            target += s * s;
            noise += e * e;
        }
        return ratioDb(target, noise);
    }

    private static double ratioDb(double signal, double noise) {
        if (noise <= 0) {
            return signal > 0 ? MAX_DB : 0;
        }
        if (signal <= 0) {
            return -MAX_DB;
        }
        return Math.max(-MAX_DB, Math.min(MAX_DB, 10 * Math.log10(signal / noise)));
    }
}
