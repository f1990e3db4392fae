package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's parameters by name, and what needs them all at once: building a model from a state dict (exports read
 * back), and the teacher-forced logits of every cell that an export's PyTorch twin is checked against.
 *
 * <pre>{@code
 * LmModel copy = ModelTensors.fromTensors(model.config(), byName);   // names and sizes of model.tensors()
 * float[] logits = ModelTensors.teacherForcedLogits(model, sequence); // [B][S-1][K][N]
 * }</pre>
 */
public final class ModelTensors {

    private ModelTensors() {}

    /** The names of a config's parameters in storage order (those of {@link LmModel#tensors()}). */
    public static List<String> parameterNames(LmConfig config) {
        return LmModel.parameterTable(config).entries().stream()
                .map(ParameterTable.Entry::name)
                .toList();
    }

    /**
     * A model of {@code config} with the given parameter values by name (the names and sizes of {@link LmModel#tensors()}).
     *
     * @throws IllegalArgumentException naming the first tensor that is missing, extra or of another size
     */
    public static LmModel fromTensors(LmConfig config, Map<String, float[]> values) {
        List<ParameterTable.Entry> entries = LmModel.parameterTable(config).entries();
        List<float[]> ordered = new ArrayList<>();
        for (ParameterTable.Entry e : entries) {
            float[] v = values.get(e.name());
            if (v == null || v.length != e.size()) {
                throw new IllegalArgumentException("tensor " + e.name() + " is "
                        + (v == null ? "missing" : "of " + v.length + " values") + "; the config implies shape "
                        + Arrays.toString(e.shape()));
            }
            ordered.add(v);
        }
        if (values.size() != entries.size()) {
            Set<String> known = new HashSet<>();
            entries.forEach(e -> known.add(e.name()));
            String extra = values.keySet().stream()
                    .filter(n -> !known.contains(n))
                    .findFirst()
                    .orElse("?");
            throw new IllegalArgumentException("tensor " + extra + " is not a parameter of this config");
        }
        return LmModel.fromValues(config, ordered);
    }

    /**
     * Logits of every cell of steps 1..S−1 of a [B][K][S] sequence (values in [0, N]) given everything before it: a
     * flat [B][S−1][K][N] array. For an interleaved model these are {@link LmModel#logits} of steps 0..S−2; a depth model's
     * logits of cell k also see cells 0..k−1 of their own step (teacher forcing), as in training.
     */
    public static float[] teacherForcedLogits(LmModel model, int[][][] sequence) {
        try (NDManager step = model.manager().newSubManager()) {
            NDArray idx = model.indices(step, sequence); // [B,K,S] embedding rows
            long s = idx.getShape().get(2);
            if (s < 2) {
                throw new IllegalArgumentException("teacher-forced logits need at least 2 steps, got " + s);
            }
            NDArray hidden = model.hidden(idx.get(new NDIndex().addAllDim(2).addSliceDim(0, s - 1)), 0, null, false);
            if (model.depth() == null) {
                return model.heads(hidden).toFloatArray();
            }
            int k = model.config().codebooks();
            int[] cells = new int[sequence.length * (int) (s - 1) * k]; // [B,S−1,K]: the cells of steps 1..S−1
            for (int b = 0; b < sequence.length; b++) {
                for (int t = 1; t < s; t++) {
                    for (int q = 0; q < k; q++) {
                        cells[(b * (int) (s - 1) + t - 1) * k + q] = sequence[b][q][t];
                    }
                }
            }
            NDArray next =
                    step.create(cells, new Shape(sequence.length, s - 1, k)).toType(DataType.INT64, false);
            return model.depth().teacherForcedLogits(hidden, next).toFloatArray();
        }
    }
}
