package dev.rvqlm.tokenizer.shaping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.Signals;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapingTest {

    private static final int M = 320;

    private static float[] mdctLikeFrame(long seed) {
        float[] x = Signals.noise(1, M, seed);
        for (int k = 0; k < M; k++) {
            x[k] *= (float) (10 / (1 + k / 8.0)); // loud lows, quiet highs, as in audio
        }
        return x;
    }

    @Test
    void powerLawCompandingIsInvertible() {
        float[] x = mdctLikeFrame(1);
        float[] y = new float[M];
        float[] back = new float[M];
        PowerLawCompander.compand(x, 0, M, 0.1, 0.5, y, 0);
        PowerLawCompander.expand(y, 0, M, 0.1, 0.5, back, 0);
        assertArrayEquals(x, back, 1e-4f);
        assertEquals(Math.sqrt(Math.abs(x[3] * 0.1)), Math.abs(y[3]), 1e-6);
        assertEquals(Math.signum(x[3]), Math.signum(y[3]));
    }

    @Test
    void melBandsCoverAllBinsWideningUpwards() {
        BandLayout layout = BandLayout.mel(20, M, 12000);
        assertEquals(20, layout.bands());
        assertEquals(0, layout.start(0));
        int total = 0;
        for (int b = 0; b < 20; b++) {
            assertTrue(layout.width(b) >= BandLayout.MIN_WIDTH);
            total += layout.width(b);
        }
        assertEquals(M, total);
        assertTrue(layout.width(19) > 4 * layout.width(0), "high bands are wider: " + layout);
        assertThrows(IllegalArgumentException.class, () -> BandLayout.mel(161, M, 12000));
    }

    @Test
    void envelopeSplitAndJoinAreExactInverses() {
        BandLayout layout = BandLayout.mel(20, M, 12000);
        float[] x = mdctLikeFrame(2);
        float[] envelope = new float[20];
        float[] shape = new float[M];
        BandEnvelope.split(x, layout, envelope, shape);
        for (int b = 0; b < 20; b++) {
            double n = 0;
            for (int i = layout.start(b); i < layout.start(b) + layout.width(b); i++) {
                n += shape[i] * shape[i];
            }
            assertEquals(1, n, 1e-5, "unit-norm shape in band " + b);
        }
        float[] back = new float[M];
        BandEnvelope.join(envelope, shape, layout, back);
        assertArrayEquals(x, back, 1e-4f);
    }

    @Test
    void noiseFillingRestoresUnitNormDeterministically() {
        BandLayout layout = BandLayout.mel(10, 64, 12000);
        float[] shrunk = new float[64];
        shrunk[0] = 0.6f; // band 0 has norm 0.6: 0.64 of its energy is missing
        float[] a = shrunk.clone();
        float[] b = shrunk.clone();
        NoiseFiller.fill(a, layout, 42);
        NoiseFiller.fill(b, layout, 42);
        assertArrayEquals(a, b, "same seed, same noise");
        for (int band = 0; band < layout.bands(); band++) {
            double n = 0;
            for (int i = layout.start(band); i < layout.start(band) + layout.width(band); i++) {
                n += a[i] * a[i];
            }
            assertEquals(1, n, 1e-5, "band " + band + " filled to unit norm");
        }
        assertEquals(0.6f, a[0], 0.6f, "the reproduced component stays");
        float[] c = shrunk.clone();
        NoiseFiller.fill(c, layout, 43);
        assertNotEquals(a[5], c[5]);
    }

    @Test
    void everyShapingRoundTripsWithoutQuantization() {
        for (Shaping s : List.of(
                new Shaping.Plain(),
                new Shaping.PowerLaw(0.5),
                Shaping.defaults(),
                new Shaping.GainShape(40, 0.75, 3, NoiseFill.OFF))) {
            FrameShaper shaper = new FrameShaper(s, M, 24000);
            float[] x = mdctLikeFrame(3);
            float[] v = shaper.shape(x);
            assertEquals(s.vectorSize(M), v.length);
            float[] back = shaper.unshape(v, 0);
            double error = Signals.relativeError(x, back, M);
            assertTrue(error < 1e-4, s.spec() + ": relative error " + error);
        }
    }

    @Test
    void gainShapeGivesEveryBandItsEnergyEvenWhenTheShapeIsLost() {
        FrameShaper shaper = new FrameShaper(Shaping.defaults(), M, 24000);
        float[] x = mdctLikeFrame(4);
        float[] v = shaper.shape(x);
        for (int i = shaper.layout().bands(); i < v.length; i++) {
            v[i] *= 0.1f; // a quantizer that reproduced little of the fine structure
        }
        float[] back = shaper.unshape(v, 7);
        BandLayout layout = shaper.layout();
        for (int b = 0; b < layout.bands(); b++) {
            double e0 = 0;
            double e1 = 0;
            for (int i = layout.start(b); i < layout.start(b) + layout.width(b); i++) {
                e0 += x[i] * x[i];
                e1 += back[i] * back[i];
            }
            assertEquals(1, e1 / e0, 1e-3, "band " + b + " energy");
        }
    }

    @Test
    void specsParseBackAndBadOnesAreNamed() {
        for (Shaping s : List.of(
                new Shaping.Plain(),
                new Shaping.PowerLaw(0.75),
                Shaping.defaults(),
                new Shaping.GainShape(8, 1, 0.5, NoiseFill.OFF))) {
            assertEquals(s, Shaping.parse(s.spec()));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shaping.parse("mp3"))
                .getMessage()
                .contains("unknown shaping 'mp3'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shaping.parse("power:exponent=2"))
                .getMessage()
                .contains("exponent must be in (0, 1], got 2.0"));
        assertThrows(IllegalArgumentException.class, () -> Shaping.parse("gain-shape:noise=loud"));
        assertEquals(
                "shaping spec 'gain-shape:bnads=40': unknown key 'bnads' for gain-shape (keys: bands, exponent, "
                        + "weight, noise)",
                assertThrows(IllegalArgumentException.class, () -> Shaping.parse("gain-shape:bnads=40"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shaping.parse("plain:exponent=1"))
                .getMessage()
                .contains("unknown key 'exponent' for plain (it takes no keys)"));
    }
}
