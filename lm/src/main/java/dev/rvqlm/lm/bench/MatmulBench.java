package dev.rvqlm.lm.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code mm}: fp32 matrix products through DJL, the peak that MFU is measured against. */
final class MatmulBench {

    private static final long[][] SHAPES = { // m, k, n
        {2048, 2048, 2048}, {4096, 256, 768}, {4096, 256, 1024}, {4096, 1024, 256}, {4096, 256, 4096}
    };

    private MatmulBench() {}

    /** The record; {@code peak_gflops} is the best median GFLOP/s over the shapes. */
    static Map<String, Object> run(double budgetSeconds) {
        double best = 0;
        List<Object> rows = new ArrayList<>();
        MachineLoad load = new MachineLoad();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            for (long[] s : SHAPES) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = step.randomNormal(new Shape(s[0], s[1]));
                    NDArray y = step.randomNormal(new Shape(s[1], s[2]));
                    Runnable product = () -> {
                        try (NDManager inner = step.newSubManager()) {
                            NDArray z = x.matMul(y);
                            z.attach(inner);
                            z.getFloat(0, 0); // wait for the result
                        }
                    };
                    List<Double> times = Timing.timed(product, budgetSeconds / SHAPES.length, 5, 200, 2, load);
                    double gflops = 2.0 * s[0] * s[1] * s[2] / Timing.median(times) / 1e9;
                    best = Math.max(best, gflops);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("shape", s[0] + "x" + s[1] + "x" + s[2]);
                    row.put("gflops_median", Timing.round(gflops));
                    rows.add(row);
                }
            }
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("bench", "mm");
        rec.put("shapes", rows);
        rec.put("peak_gflops", Timing.round(best));
        rec.put("cpu", load.record());
        return rec;
    }
}
