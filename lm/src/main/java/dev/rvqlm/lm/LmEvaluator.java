package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.patterns.StepSelection;
import dev.rvqlm.tokens.CodeGrids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Held-out NLL of K×T windows under a model and its pattern. Each window is built with all the pattern's steps
 * ({@link StepSelection#ALL_STEPS}), so every code of the window is scored exactly once, by the model output the
 * pattern's revert of scores assigns to it (training uses the valid steps only, as AudioCraft does).
 *
 * <pre>{@code
 * NllResult r = LmEvaluator.evaluate(model, List.of(windowKxT, otherWindow), 8);
 * System.out.println(Arrays.toString(r.meanNats()) + " nats/code, " + r.bitsPerSecond(75) + " bit/s");
 * }</pre>
 */
public final class LmEvaluator {

    private LmEvaluator() {}

    /** Scores {@code windows} ([K][T] each, T may differ) with the model's own pattern, {@code batch} at a time. */
    public static NllResult evaluate(LmModel model, List<int[][]> windows, int batch) {
        if (model.patternSpec() == null) {
            throw new IllegalArgumentException("the model has no pattern spec; pass one explicitly");
        }
        return evaluate(model, model.patternSpec(), windows, batch);
    }

    /**
     * Scores {@code windows} with {@code spec}.
     *
     * @throws IllegalArgumentException when a window's K differs from the model's, a code is outside [0, N), or
     *     the pattern sequence is longer than the model's maxSequenceSteps
     */
    public static NllResult evaluate(LmModel model, PatternSpec spec, List<int[][]> windows, int batch) {
        LmConfig c = model.config();
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        Map<Integer, List<int[][]>> byLength = new LinkedHashMap<>();
        for (int[][] w : windows) {
            if (w.length != c.codebooks()) {
                throw new IllegalArgumentException(
                        "a window has K=" + w.length + " codebooks but the model has K=" + c.codebooks());
            }
            int t = CodeGrids.requireGrid(w, c.codebookSize(), "window");
            if (t > 0) {
                byLength.computeIfAbsent(t, x -> new ArrayList<>()).add(w);
            }
        }
        NllResult total = new NllResult(new double[c.codebooks()], new long[c.codebooks()]);
        for (Map.Entry<Integer, List<int[][]>> group : byLength.entrySet()) {
            PatternBatcher batcher = new PatternBatcher(spec, c, group.getKey(), StepSelection.ALL_STEPS);
            List<int[][]> list = group.getValue();
            for (int start = 0; start < list.size(); start += batch) {
                PatternBatcher.Batch b = batcher.batch(list.subList(start, Math.min(list.size(), start + batch)));
                total = total.plus(score(model, b));
            }
        }
        return total;
    }

    /** NLL sums of one built batch (no autograd). */
    static NllResult score(LmModel model, PatternBatcher.Batch b) {
        int k = model.config().codebooks();
        try (NDManager step = model.manager().newSubManager()) {
            NDArray idx = model.indices(step, b.sequences());
            Shape cells = new Shape(b.batch(), b.steps(), k, 1);
            NDArray targets = step.create(b.targets(), cells);
            NDArray weights = step.create(b.weights(), cells);
            float[] sums = model.nllSums(model.hidden(idx, 0, null, false), targets, weights)
                    .toFloatArray();
            double[] nats = new double[k];
            long[] counts = new long[k];
            for (int q = 0; q < k; q++) {
                nats[q] = sums[q];
                counts[q] = Math.round(b.counts()[q]);
            }
            return new NllResult(nats, counts);
        }
    }
}
