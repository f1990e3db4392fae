package dev.rvqlm.tokenizer.fine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rvqlm.tokenizer.Signals;
import dev.rvqlm.tokenizer.shaping.FrameShaper;
import dev.rvqlm.tokenizer.shaping.NoiseFill;
import dev.rvqlm.tokenizer.shaping.Shaping;
import dev.rvqlm.tokenizer.transform.Mdct;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Known answers for moving fine structure between gain-shape features and VQ vectors. */
class FineVectorsTest {

    static final int RATE = 24000;
    static final int HOP = 320;
    static final Shaping.GainShape SHAPING = new Shaping.GainShape(60, 0.5, 1.0, NoiseFill.OFF);
    static final FrameShaper SHAPER = new FrameShaper(SHAPING, HOP, RATE);
    static final FineVectors FINE = new FineVectors(SHAPER.layout(), SHAPING, new FineStructure(20, 1, 0, 0));

    static float[][] mdct() {
        return new Mdct(HOP).analyze(Signals.music(RATE, RATE / 2, 3));
    }

    @Test
    void everyCoefficientGivenTheLowBandDecodesExactlySignsIncluded() {
        for (double emphasis : new double[] {0, 1}) {
            FineVectors fine = new FineVectors(SHAPER.layout(), SHAPING, new FineStructure(20, 1, emphasis, 0));
            for (float[] frame : mdct()) {
                float[] feature = SHAPER.shape(frame);
                float[] coded = new float[fine.length()];
                fine.extract(feature, coded, 0);
                float[] decoded = feature.clone();
                Arrays.fill(decoded, 60, 60 + fine.length(), 0f); // what the network would have said is thrown away
                fine.insert(coded, 0, decoded, 1);
                float[] back = SHAPER.unshape(decoded, 0);
                float[] shaped = SHAPER.unshape(feature, 0); // the gain-shape round trip itself (float envelopes)
                for (int i = 0; i < fine.length(); i++) {
                    String where = "emphasis " + emphasis + ", bin " + i;
                    assertEquals(shaped[i], back[i], 1e-5 * (1 + Math.abs(frame[i])), where);
                    assertEquals(frame[i], back[i], 1e-3 * (1 + Math.abs(frame[i])), where);
                }
            }
        }
    }

    @Test
    void emphasisScalesLouderBandsUp() {
        FineVectors fine = new FineVectors(SHAPER.layout(), SHAPING, new FineStructure(20, 1, 1, 0));
        float[] feature = SHAPER.shape(mdct()[10]);
        float[] coded = new float[fine.length()];
        fine.extract(feature, coded, 0);
        double mean = 0;
        for (int b = 0; b < 20; b++) {
            mean += Math.pow(2, 2 * feature[b]) * 2 / 40; // every fine band here is 2 bins wide
        }
        for (int b = 0; b < 20; b++) {
            double n2 = coded[2 * b] * coded[2 * b] + coded[2 * b + 1] * coded[2 * b + 1];
            assertEquals(2 * Math.pow(2, 2 * feature[b]) / mean, n2, 1e-3 * n2, "band " + b + " has norm² w·rms²/mean");
        }
    }

    @Test
    void codedVectorsHaveUnitRmsPerCoefficientInEveryBand() {
        float[] feature = SHAPER.shape(mdct()[10]);
        float[] coded = new float[FINE.length()];
        FINE.extract(feature, coded, 0);
        for (int b = 0; b < 20; b++) {
            int s = SHAPER.layout().start(b);
            int w = SHAPER.layout().width(b);
            double n2 = 0;
            for (int i = s; i < s + w; i++) {
                n2 += coded[i] * coded[i];
            }
            assertEquals(w, n2, 1e-4, "band " + b);
        }
        assertEquals(40, FINE.length(), "20 bands of 2 bins below 1.5 kHz");
    }

    @Test
    void whatTheCodesLeaveIsFilledWithSeededNoiseOrthogonalToThem() {
        float[] feature = SHAPER.shape(mdct()[10]);
        float[] exact = new float[FINE.length()];
        FINE.extract(feature, exact, 0);
        float[] half = exact.clone();
        for (int i = 0; i < half.length; i++) {
            half[i] *= 0.5f; // a coarse code: half the norm of every band
        }
        float[] a = feature.clone();
        float[] b = feature.clone();
        float[] c = feature.clone();
        FINE.insert(half, 0, a, 7);
        FINE.insert(half, 0, b, 7);
        FINE.insert(half, 0, c, 8);
        assertArrayEquals(a, b, "the same seed gives the same noise");
        assertFalse(Arrays.equals(a, c), "another seed other noise");
        float[] linear = SHAPER.unshape(a, 0);
        float[] target = SHAPER.unshape(feature, 0);
        for (int band = 0; band < 20; band++) {
            int s = SHAPER.layout().start(band);
            int w = SHAPER.layout().width(band);
            double dot = 0, n2 = 0, t2 = 0;
            for (int i = s; i < s + w; i++) {
                dot += linear[i] * target[i];
                n2 += linear[i] * linear[i];
                t2 += target[i] * target[i];
            }
            if (t2 > 0) {
                assertEquals(t2, n2, 1e-3 * t2, "band " + band + " keeps its energy");
                // the coded half of the norm points along the exact shape; the noise adds nothing to that direction
                assertEquals(0.5, dot / Math.sqrt(n2 * t2), 1e-3, "band " + band);
            }
        }
    }

    @Test
    void fineBandsMustExistInTheLayout() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new FineVectors(SHAPER.layout(), SHAPING, new FineStructure(61, 1, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> new FineStructure(0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FineStructure(20, 0, 0, 0));
    }
}
