package dev.rvqlm.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A model's parameter list, written once: name, shape and initialisation of every tensor in storage order. The
 * model builds its arrays from it, {@link Checkpoint} checks a file against it, and {@link #initialValues} draws a
 * new model's weights from it.
 *
 * <pre>{@code
 * ParameterTable table = new ParameterTable.Builder()
 *         .add("emb", ParameterTable.Init.normal(0.02), 1025, 256)
 *         .add("ln_f.weight", ParameterTable.Init.constant(1), 256)
 *         .build();
 * List<float[]> values = table.initialValues(7L);
 * }</pre>
 */
record ParameterTable(List<Entry> entries) {

    /** How a tensor starts: every value {@code constant}, or, when {@code std > 0}, N(0, std²) draws. */
    record Init(float constant, double std) {
        static Init constant(float value) {
            return new Init(value, 0);
        }

        static Init normal(double std) {
            return new Init(0, std);
        }
    }

    /** One tensor; {@code matrix} (rank ≥ 2) decides weight decay under {@link LmTraining.DecayPolicy#MATRICES}. */
    record Entry(String name, long[] shape, Init init) {
        long size() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }

        boolean matrix() {
            return shape.length >= 2;
        }
    }

    ParameterTable {
        entries = List.copyOf(entries);
    }

    /** Initial values in storage order, drawn from one stream seeded by {@code seed}. */
    List<float[]> initialValues(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> values = new ArrayList<>();
        for (Entry e : entries) {
            float[] v = new float[Math.toIntExact(e.size())];
            if (e.init().std() > 0) {
                for (int j = 0; j < v.length; j++) {
                    v[j] = (float) (random.nextGaussian() * e.init().std());
                }
            } else if (e.init().constant() != 0) {
                Arrays.fill(v, e.init().constant());
            }
            values.add(v);
        }
        return values;
    }

    List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /** Appends entries in order. */
    static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        Builder add(String name, Init init, long... shape) {
            entries.add(new Entry(name, shape.clone(), init));
            return this;
        }

        ParameterTable build() {
            return new ParameterTable(Collections.unmodifiableList(entries));
        }
    }
}
