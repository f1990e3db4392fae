package dev.rvqlm.tokenizer.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The quality figures {@code rvq codec eval} reports for one (reference, decoded) pair.
 *
 * @param snrDb      {@link WaveformMetrics#snr}
 * @param siSnrDb    {@link WaveformMetrics#siSnr}
 * @param logMel     {@link LogMel#distance} (lower is better)
 * @param stft       {@link MultiResolutionStft#parts}: spectral convergence and log-magnitude, whose sum is the
 *                   MR-STFT distance {@link #mrStft()} (lower is better)
 */
public record Quality(double snrDb, double siSnrDb, double logMel, MultiResolutionStft.Parts stft) {

    /** Measures {@code test} against {@code reference}, both at {@code sampleRate}. */
    public static Quality measure(float[] reference, float[] test, LogMel logMel) {
        return new Quality(
                WaveformMetrics.snr(reference, test),
                WaveformMetrics.siSnr(reference, test),
                logMel.distance(reference, test),
                MultiResolutionStft.parts(reference, test));
    }

    /** The MR-STFT distance (lower is better). */
    @JsonProperty("mrStft")
    public double mrStft() {
        return stft.total();
    }

    /** The mean of several measurements (each clip weighted equally). */
    public static Quality mean(List<Quality> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no measurements to average");
        }
        double a = 0, b = 0, c = 0, d = 0, e = 0;
        for (Quality q : all) {
            a += q.snrDb;
            b += q.siSnrDb;
            c += q.logMel;
            d += q.stft.convergence();
            e += q.stft.logMagnitude();
        }
        int n = all.size();
        return new Quality(a / n, b / n, c / n, new MultiResolutionStft.Parts(d / n, e / n));
    }
}
