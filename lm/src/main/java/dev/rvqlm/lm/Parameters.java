package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A model's trainable arrays, made from a {@link ParameterTable} and values in its order, looked up by name. */
final class Parameters {

    /** One named parameter; {@code matrix} is true for rank ≥ 2 tensors (weight-decayed under MATRICES). */
    record Param(String name, NDArray array, boolean matrix) {}

    private final List<Param> list = new ArrayList<>();
    private final Map<String, NDArray> byName = new HashMap<>();

    /** @throws IllegalArgumentException when the values do not match the table in count or size */
    Parameters(ParameterTable table, List<float[]> values, NDManager manager) {
        List<ParameterTable.Entry> entries = table.entries();
        if (entries.size() != values.size()) {
            throw new IllegalArgumentException(
                    "expected " + entries.size() + " parameter tensors, got " + values.size());
        }
        for (int i = 0; i < entries.size(); i++) {
            ParameterTable.Entry e = entries.get(i);
            Shape shape = new Shape(e.shape());
            float[] data = values.get(i);
            if (data.length != shape.size()) {
                throw new IllegalArgumentException("parameter " + e.name() + " has " + data.length
                        + " values, expected " + shape + " = " + shape.size());
            }
            NDArray array = manager.create(data, shape);
            array.setName(e.name());
            array.setRequiresGradient(true);
            list.add(new Param(e.name(), array, e.matrix()));
            byName.put(e.name(), array);
        }
    }

    NDArray get(String name) {
        NDArray a = byName.get(name);
        if (a == null) {
            throw new IllegalStateException("no parameter " + name + " (a bug: the table and the model disagree)");
        }
        return a;
    }

    List<Param> list() {
        return Collections.unmodifiableList(list);
    }
}
