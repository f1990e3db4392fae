package dev.rvqlm.tokenizer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.Signals;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void snrAndSiSnrFollowTheirDefinitions() {
        float[] x = Signals.noise(0.3, 10000, 1);
        float[] n = Signals.noise(0.03, 10000, 2);
        float[] y = new float[x.length];
        float[] scaled = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] + n[i];
            scaled[i] = 0.5f * x[i];
        }
        assertEquals(20, WaveformMetrics.snr(x, y), 0.3);
        assertEquals(20, WaveformMetrics.siSnr(x, y), 0.3);
        assertEquals(WaveformMetrics.MAX_DB, WaveformMetrics.snr(x, x));
        assertEquals(20 * Math.log10(2), WaveformMetrics.snr(x, scaled), 1e-3, "a half-scale copy: SNR 6 dB");
        assertTrue(WaveformMetrics.siSnr(x, scaled) > 100, "but scale does not matter to SI-SNR");
    }

    @Test
    void logMelHas80BandsAndMeasuresDecadesOfLevel() {
        LogMel logMel = new LogMel(24000);
        float[] x = Signals.noise(0.01, 24000, 3);
        float[][] f = logMel.features(x);
        assertEquals(1 + 24000 / 256, f.length);
        assertEquals(80, f[0].length);
        assertEquals(93.75, logMel.frameRate(), 1e-9);
        assertEquals(0, logMel.distance(x, x), 0);
        float[] louder = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            louder[i] = 10 * x[i];
        }
        assertEquals(1.0, logMel.distance(x, louder), 1e-4, "ten times louder = one decade in every band");
        float[] sine = Signals.sine(1000, 0.5, 24000, 24000);
        float[][] s = logMel.features(sine);
        int peak = 0;
        for (int b = 1; b < 80; b++) {
            if (s[40][b] > s[40][peak]) {
                peak = b;
            }
        }
        double centre = LogMel.melInverse(LogMel.mel(12000) * (peak + 1) / 81);
        assertTrue(Math.abs(centre - 1000) < 100, "1 kHz lands in the band centred at " + centre + " Hz");
    }

    @Test
    void multiResolutionStftIsZeroForIdenticalAndGrowsWithNoise() {
        float[] x = Signals.chirp(100, 8000, 0.5, 24000, 24000);
        float[] a = x.clone();
        float[] b = x.clone();
        float[] n1 = Signals.noise(0.01, x.length, 4);
        float[] n2 = Signals.noise(0.1, x.length, 4);
        for (int i = 0; i < x.length; i++) {
            a[i] += n1[i];
            b[i] += n2[i];
        }
        assertEquals(0, MultiResolutionStft.distance(x, x), 0);
        double small = MultiResolutionStft.distance(x, a);
        double large = MultiResolutionStft.distance(x, b);
        assertTrue(small > 0 && large > small, small + " < " + large);
    }
}
