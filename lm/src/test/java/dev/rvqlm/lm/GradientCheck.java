package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * The scalar-op check of DEPENDENCIES.md: gradients computed after forcing garbage collections between forward and
 * backward (so that a Java-backed scalar freed too early would corrupt them) must match central finite differences
 * of the training loss, and must not be all zero.
 */
final class GradientCheck {

    private GradientCheck() {}

    /** Checks a few elements of each named parameter of {@code model} on {@code batch}. */
    static void assertMatchesFiniteDifferences(LmModel model, PatternBatcher.Batch batch, List<String> names) {
        List<float[]> grads = new ArrayList<>();
        try (NDManager sm = model.manager().newSubManager();
                GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray loss = loss(model, sm, batch);
            for (int i = 0; i < 5; i++) {
                System.gc();
                System.runFinalization();
            }
            collector.backward(loss);
            for (String name : names) {
                NDArray g = param(model, name).getGradient();
                g.attach(sm);
                grads.add(g.toFloatArray());
                g.subi(g);
            }
        }
        for (int p = 0; p < names.size(); p++) {
            NDArray param = param(model, names.get(p));
            float[] values = param.toFloatArray();
            float[] g = grads.get(p);
            double largest = 0;
            for (float v : g) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertTrue(largest > 1e-6, names.get(p) + ": the gradient is all zero");
            for (int i = 0, checked = 0; i < values.length && checked < 6; i += Math.max(1, values.length / 7)) {
                double h = 1e-2;
                double up = lossAt(model, param, values, i, values[i] + h, batch);
                double down = lossAt(model, param, values, i, values[i] - h, batch);
                param.set(values);
                double numeric = (up - down) / (2 * h);
                assertEquals(
                        numeric, g[i], 2e-3 + 0.05 * Math.abs(numeric), "d loss / d " + names.get(p) + "[" + i + "]");
                checked++;
            }
        }
    }

    private static NDArray param(LmModel model, String name) {
        return model.params().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow()
                .array();
    }

    /** The trainer's loss: mean over codebooks of the per-codebook mean NLL. */
    private static NDArray loss(LmModel model, NDManager sm, PatternBatcher.Batch b) {
        int k = model.config().codebooks();
        Shape cells = new Shape(b.batch(), b.steps(), k, 1);
        NDArray sums = model.nllSums(
                model.hidden(model.indices(sm, b.sequences()), 0, null, true),
                sm.create(b.targets(), cells),
                sm.create(b.weights(), cells));
        return sums.div(sm.create(b.counts(), new Shape(k))).mean();
    }

    private static double lossAt(
            LmModel model, NDArray param, float[] values, int i, double v, PatternBatcher.Batch b) {
        float[] changed = values.clone();
        changed[i] = (float) v;
        param.set(changed);
        try (NDManager sm = model.manager().newSubManager()) {
            return loss(model, sm, b).getFloat();
        }
    }
}
