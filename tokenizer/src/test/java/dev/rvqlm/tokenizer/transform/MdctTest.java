package dev.rvqlm.tokenizer.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MdctTest {

    @ParameterizedTest
    @ValueSource(ints = {320, 256, 160, 2})
    void analysisThenSynthesisReconstructsTheSignal(int hop) {
        Mdct mdct = new Mdct(hop);
        float[] noise = Signals.noise(0.3, 24000 + 17, 1);
        float[] chirp = Signals.chirp(50, 11000, 0.8, 24000, 12345);
        for (float[] x : new float[][] {noise, chirp}) {
            float[][] coefficients = mdct.analyze(x);
            assertEquals(mdct.frameCount(x.length), coefficients.length);
            float[] y = mdct.synthesize(coefficients);
            assertTrue(y.length >= x.length, "synthesis covers the whole signal");
            double error = Signals.relativeError(x, y, x.length);
            assertTrue(error < 1e-5, "relative reconstruction error " + error);
        }
    }

    @Test
    void forwardMatchesTheDefinition() {
        int m = 16;
        Mdct mdct = new Mdct(m);
        double[] frame = new double[2 * m];
        float[] noise = Signals.noise(1, 2 * m, 7);
        for (int n = 0; n < 2 * m; n++) {
            frame[n] = noise[n];
        }
        float[] fast = mdct.forward(frame);
        for (int k = 0; k < m; k++) {
            double direct = 0;
            for (int n = 0; n < 2 * m; n++) {
                double w = Math.sin(Math.PI * (n + 0.5) / (2 * m));
                direct += w * frame[n] * Math.cos(Math.PI / m * (n + 0.5 + m / 2.0) * (k + 0.5));
            }
            assertEquals(direct, fast[k], 1e-4, "coefficient " + k);
        }
    }

    @Test
    void aSineConcentratesInItsBin() {
        int m = 320;
        float[][] c = new Mdct(m).analyze(Signals.sine(1000, 0.5, 24000, 24000));
        float[] frame = c[10];
        int peak = 0;
        for (int k = 1; k < m; k++) {
            if (Math.abs(frame[k]) > Math.abs(frame[peak])) {
                peak = k;
            }
        }
        // bin k is centred on (k + 1/2) * 12000 / M Hz = (k + 0.5) * 37.5 Hz
        assertTrue(Math.abs((peak + 0.5) * 37.5 - 1000) < 40, "peak at bin " + peak);
    }

    @Test
    void rejectsAnOddHop() {
        assertThrows(IllegalArgumentException.class, () -> new Mdct(321));
    }
}
