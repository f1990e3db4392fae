package dev.rvqlm.tokenizer.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The straight-through estimator and the commitment loss against central finite differences. With the quantised
 * latents q held fixed, straight-through defines the encoder's gradient as that of the surrogate
 * rec(dec(z(θ) + c)) + β·mean‖z(θ) − q‖² with c = q − z(θ₀) constant; the decoder's is that of the actual loss.
 * Autograd runs with a {@code System.gc()} between forward and backward (DJL frees scalar temporaries early).
 */
class LearnedLossGradientTest {

    private static final int D = 3;
    private static final int SEGMENTS = 2;
    private static final int FRAMES = 3;
    private static final double BETA = 0.25;

    @Test
    void straightThroughAndCommitmentMatchFiniteDifferences() {
        LearnedShape shape = new LearnedShape(2, 5, 1, 1, 1, 1);
        SplittableRandom random = new SplittableRandom(3);
        float[] mean = {0.1f, -0.2f, 0.3f};
        float[] std = {1f, 0.5f, 2f};
        try (LearnedNetwork net = LearnedNetwork.initialise(shape, D, mean, std, random);
                NDManager m = NDManager.newBaseManager()) {
            int padded = FRAMES + 2;
            int rows = SEGMENTS * padded;
            int width = shape.encoderWindow() * D;
            float[] windows = gaussian(rows * width, random);
            float[] targets = gaussian(SEGMENTS * FRAMES * D, random);
            float[] q = gaussian(rows * shape.latent(), random);
            float[] weights = {2f, 0.5f, 1f};
            NDArray w = m.create(weights);
            NDArray beta = m.create((float) BETA);
            NDArray x = m.create(windows, new Shape(rows, width));
            NDArray y = m.create(targets, new Shape((long) SEGMENTS * FRAMES, D));
            NDArray qa = m.create(q, new Shape(rows, shape.latent()));

            float[] z0;
            try (NDManager step = m.newSubManager();
                    GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray z = net.encode(x);
                z0 = z.toFloatArray();
                LearnedLoss.Parts loss = LearnedLoss.compute(net, z, qa, y, w, beta, SEGMENTS);
                System.gc();
                c.backward(loss.total());
            }
            NDArray offset =
                    m.create(q, new Shape(rows, shape.latent())).sub(m.create(z0, new Shape(rows, shape.latent())));
            List<NDArray> params = net.parameters();
            List<String> names = List.copyOf(LearnedNetwork.table(shape, D).keySet());
            int checked = 0;
            for (int p = 0; p < params.size(); p++) {
                NDArray param = params.get(p);
                float[] grad = param.getGradient().toFloatArray();
                float[] values = param.toFloatArray();
                boolean encoder = names.get(p).startsWith("enc.");
                for (int i = 0; i < values.length; i += Math.max(1, values.length / 4)) {
                    double h = 1e-2;
                    float[] plus = values.clone();
                    plus[i] += (float) h;
                    param.set(plus);
                    double up = surrogate(net, x, y, w, qa, offset, encoder);
                    float[] minus = values.clone();
                    minus[i] -= (float) h;
                    param.set(minus);
                    double down = surrogate(net, x, y, w, qa, offset, encoder);
                    param.set(values);
                    double expected = (up - down) / (2 * h);
                    assertEquals(
                            expected,
                            grad[i],
                            2e-3 + 2e-2 * Math.abs(expected),
                            names.get(p) + "[" + i + "]: autograd " + grad[i] + ", finite differences " + expected);
                    checked++;
                }
            }
            assertTrue(checked >= 30, "checked " + checked + " gradient entries");
        }
    }

    @Test
    void decoderSeesTheQuantisedLatentsForward() {
        LearnedShape shape = new LearnedShape(2, 4, 0, 0, 0, 0);
        SplittableRandom random = new SplittableRandom(5);
        try (LearnedNetwork net = LearnedNetwork.initialise(shape, D, new float[D], new float[] {1, 1, 1}, random);
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(gaussian(4 * D, random), new Shape(4, D));
            NDArray y = m.create(gaussian(4 * D, random), new Shape(4, D));
            float[] q = gaussian(4 * 2, random);
            NDArray qa = m.create(q, new Shape(4, 2));
            NDArray z = net.encode(x);
            LearnedLoss.Parts loss =
                    LearnedLoss.compute(net, z, qa, y, m.create(new float[] {1, 1, 1}), m.create(0.25f), 1);
            double direct =
                    net.decode(qa.reshape(1, 4, 2)).sub(y).square().mean().getFloat();
            assertEquals(direct, loss.reconstruction().getFloat(), 1e-6);
            double commit = 0.25 * z.sub(qa).square().mean().getFloat();
            assertEquals(commit, loss.commitment().getFloat(), 1e-6);
        }
    }

    /** The loss whose gradient straight-through defines: decoder input z + c (encoder) or q (decoder). */
    private static double surrogate(
            LearnedNetwork net, NDArray x, NDArray y, NDArray w, NDArray q, NDArray offset, boolean encoder) {
        NDArray z = net.encode(x);
        NDArray input = encoder ? z.add(offset) : q;
        NDArray out = net.decode(input.reshape(SEGMENTS, FRAMES + 2, net.shape().latent()));
        double rec = out.sub(y).square().mul(w).mean().getFloat();
        double commit = BETA * z.sub(q).square().mean().getFloat();
        return rec + commit;
    }

    private static float[] gaussian(int n, SplittableRandom r) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) r.nextGaussian();
        }
        return out;
    }
}
