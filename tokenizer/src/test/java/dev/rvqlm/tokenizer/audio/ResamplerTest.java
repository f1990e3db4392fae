package dev.rvqlm.tokenizer.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.Signals;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    /** RMS of the middle half (away from edge effects). */
    private static double middleRms(float[] x) {
        return Signals.rms(Arrays.copyOfRange(x, x.length / 4, 3 * x.length / 4));
    }

    @ParameterizedTest
    @CsvSource({"48000,24000,1000", "44100,24000,5000", "16000,24000,3000", "22050,24000,440", "8000,24000,3000"})
    void passBandTonesKeepTheirAmplitudeAndFrequency(int from, int to, double hz) {
        float[] x = Signals.sine(hz, 0.5, from, from);
        float[] y = Resampler.resample(x, from, to);
        assertEquals((long) x.length * to / from, y.length, 1);
        assertEquals(0.5 / Math.sqrt(2), middleRms(y), 0.005, "amplitude");
        float[] expected = Signals.sine(hz, 0.5, to, y.length);
        float[] mid = Arrays.copyOfRange(y, y.length / 4, 3 * y.length / 4);
        float[] ref = Arrays.copyOfRange(expected, y.length / 4, 3 * y.length / 4);
        assertTrue(Signals.relativeError(ref, mid, mid.length) < 0.01, "waveform matches the tone at the new rate");
    }

    @ParameterizedTest
    @CsvSource({"48000,24000,15000", "48000,24000,12500", "44100,24000,18000", "96000,24000,30000", "24000,16000,8500"})
    void tonesAboveTheNewNyquistDoNotAlias(int from, int to, double hz) {
        float[] y = Resampler.resample(Signals.sine(hz, 0.5, from, from), from, to);
        double db = 20 * Math.log10(middleRms(y) / (0.5 / Math.sqrt(2)));
        assertTrue(db < -60, "aliased tone at " + db + " dB");
    }

    @Test
    void equalRatesReturnTheInput() {
        float[] x = Signals.noise(0.1, 100, 1);
        assertSame(x, Resampler.resample(x, 24000, 24000));
    }
}
