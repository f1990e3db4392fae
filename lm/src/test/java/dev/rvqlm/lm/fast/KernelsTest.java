package dev.rvqlm.lm.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each kernel of the Java engine against a known answer: a naive loop, DJL's own op, or tabulated values. */
class KernelsTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /** y = x·Wᵀ by the textbook triple loop, in double. */
    private static double[] naive(float[] x, float[] w, int batch, int in, int out) {
        double[] y = new double[batch * out];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += (double) x[b * in + i] * w[o * in + i];
                }
                y[b * out + o] = s;
            }
        }
        return y;
    }

    @Test
    void theMatrixProductMatchesANaiveLoopForEveryBlockAndTailShapeAndThreadCount() {
        for (Lanes lanes : new Lanes[] {Lanes.BEST, new ScalarLanes()}) {
            // in: below, at and past a vector's width; out: odd, even, past the row blocks; batch 1 to 9
            for (int[] shape :
                    new int[][] {{3, 5, 1}, {8, 6, 2}, {37, 13, 4}, {64, 18, 5}, {256, 33, 8}, {19, 7, 9}, {16, 70, 3}
                    }) {
                int in = shape[0];
                int out = shape[1];
                int batch = shape[2];
                float[] w = random(in * out, in);
                float[] x = random(batch * in, out);
                double[] expected = naive(x, w, batch, in, out);
                Linear linear = new Linear(w, in, out, lanes);
                float[] y = new float[batch * out];
                linear.rows(x, y, batch, false, 0, 1);
                float[] acc = y.clone();
                linear.rows(x, acc, batch, true, 0, 1);
                for (int i = 0; i < y.length; i++) {
                    double tol = 1e-5 * Math.sqrt(in) * 4;
                    assertEquals(expected[i], y[i], tol, lanes.describe() + " " + in + "×" + out + " b" + batch);
                    assertEquals(2 * expected[i], acc[i], 2 * tol, "accumulate " + lanes.describe());
                }
                for (int threads = 1; threads <= 3; threads++) { // split by rows: the same arithmetic per output
                    float[] split = new float[batch * out];
                    try (Workers workers = new Workers(threads)) {
                        linear.apply(x, split, batch, workers);
                    }
                    assertArrayEquals(y, split, lanes.describe() + ", " + threads + " threads");
                }
            }
        }
    }

    @Test
    void attentionScoresAndMixMatchNaiveLoops() {
        for (Lanes lanes : new Lanes[] {Lanes.BEST, new ScalarLanes()}) {
            for (int dh : new int[] {4, 8, 32, 40}) {
                for (int t : new int[] {1, 7, 33, 100}) {
                    int panels = (t + KvStore.PANEL - 1) / KvStore.PANEL;
                    float[] q = random(dh, t);
                    float[] keys = random(3 + panels * dh * KvStore.PANEL, dh); // panels [t/8][dh][8], after 3
                    float[] values = random(t * dh, t + dh); // [t][dh]
                    float[] scores = new float[panels * KvStore.PANEL];
                    lanes.scores(q, 0, dh, keys, 3, scores, t);
                    for (int j = 0; j < t; j++) {
                        double s = 0;
                        for (int i = 0; i < dh; i++) {
                            s += (double) q[i] * keys[3 + ((j / 8) * dh + i) * 8 + j % 8];
                        }
                        assertEquals(s, scores[j], 1e-5 * dh, lanes.describe() + " score " + j);
                    }
                    float[] out = random(dh + 2, 5);
                    float[] before = out.clone();
                    lanes.mix(scores, t, values, 0, dh, out, 1);
                    for (int i = 0; i < dh; i++) {
                        double s = before[1 + i];
                        for (int j = 0; j < t; j++) {
                            s += (double) scores[j] * values[j * dh + i];
                        }
                        assertEquals(s, out[1 + i], 1e-4 * Math.sqrt(t) * dh, lanes.describe() + " mix " + i);
                    }
                    assertEquals(before[0], out[0], "mix wrote before its range");
                }
            }
        }
    }

    @Test
    void geluAndErfAtKnownPoints() {
        // erf from tables (Abramowitz & Stegun 7.1); GELU(x) = x·Φ(x) with Φ the normal CDF
        double[][] erf = {{0, 0}, {0.5, 0.5204998778}, {1, 0.8427007929}, {2, 0.9953222650}, {-1, -0.8427007929}};
        for (double[] p : erf) {
            assertEquals(p[1], Kernels.erf(p[0]), 2e-7, "erf(" + p[0] + ")");
        }
        double[] gelu = {0, 0.8413447461, -0.1586552539, 1.9544997361, -0.0040496027, 0.3457312306};
        for (Lanes lanes : new Lanes[] {Lanes.BEST, new ScalarLanes()}) {
            float[] x = {0f, 1f, -1f, 2f, -3f, 0.5f, 0f, 0f, 0f, 0f, 1f}; // past one vector: the tail too
            lanes.gelu(x, 0, x.length);
            for (int i = 0; i < gelu.length; i++) {
                assertEquals(gelu[i], x[i], 4e-7, lanes.describe() + " gelu at point " + i);
            }
            assertEquals(gelu[1], x[10], 4e-7, lanes.describe() + " gelu in the tail");
        }
    }

    @Test
    void geluSoftmaxAndLayerNormMatchDjl() {
        float[] a = random(300, 3);
        for (int i = 0; i < a.length; i++) {
            a[i] *= 4; // GELU's curved part and both tails
        }
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            float[] gelu = Activation.gelu(m.create(a)).toFloatArray();
            float[] softmax = m.create(a).softmax(0).toFloatArray();
            for (Lanes lanes : new Lanes[] {Lanes.BEST, new ScalarLanes()}) {
                float[] g = a.clone();
                lanes.gelu(g, 0, g.length);
                float[] s = a.clone();
                lanes.softmax(s, 0, s.length);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(gelu[i], g[i], 1e-6, lanes.describe() + " gelu(" + a[i] + ")");
                    assertEquals(softmax[i], s[i], 1e-7, lanes.describe() + " softmax " + i);
                }
            }
            float[] weight = random(300, 4);
            float[] bias = random(300, 5);
            NDArray normed = ai.djl.nn.norm.LayerNorm.layerNorm(
                            m.create(a, new Shape(1, 300)),
                            new Shape(300),
                            m.create(weight),
                            m.create(bias),
                            Kernels.LN_EPS)
                    .singletonOrThrow();
            float[] expected = normed.toFloatArray();
            float[] out = new float[302];
            Kernels.layerNorm(a, 0, 300, weight, bias, out, 2);
            for (int i = 0; i < 300; i++) {
                assertEquals(expected[i], out[2 + i], 1e-5, "layer norm " + i);
            }
        }
    }

    @Test
    void theSinusoidTableStartsAtCosZeroAndSinZero() {
        float[] table = Sinusoids.table(2, 8);
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 0, 0}, java.util.Arrays.copyOf(table, 8));
        assertTrue(table[8 + 4] > 0.84f && table[8 + 4] < 0.842f, "sin(1) at step 1, dimension 0");
    }
}
