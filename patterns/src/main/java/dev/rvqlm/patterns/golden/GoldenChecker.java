package dev.rvqlm.patterns.golden;

import dev.rvqlm.patterns.CodeGrid;
import dev.rvqlm.patterns.Coord;
import dev.rvqlm.patterns.Pattern;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.patterns.ScoreGrid;
import dev.rvqlm.patterns.StepSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one reference case against this implementation: layout, counts, first steps per timestep, and build,
 * revert and revert of scores for both step selections; an error case must be rejected.
 */
public final class GoldenChecker {

    /** The reference's special token and codes: z[k][t] = k*1000 + t, scores L[k][s] = k*1000 + s. */
    private static final int SPECIAL = 9999;

    private static final int STRIDE = 1000;
    private static final float SCORE_FILL = -1f;

    private GoldenChecker() {}

    /** Every difference between the case and this implementation; empty when the case passes. */
    public static List<String> check(GoldenCase golden) {
        List<String> problems = new ArrayList<>();
        Pattern pattern;
        try {
            pattern = PatternSpec.parse(golden.patternSpec()).pattern(golden.codebooks(), golden.timesteps());
        } catch (IllegalArgumentException e) {
            if (!golden.expectsError()) {
                problems.add("rejected a configuration the reference accepts: " + e.getMessage());
            }
            return problems;
        }
        if (golden.expectsError()) {
            problems.add("accepted a configuration the reference rejects (" + golden.error() + ")");
            return problems;
        }
        compare(problems, "layout", layout(pattern), golden.get("layout"));
        compare(problems, "layout_len", (long) pattern.layout().size(), golden.get("layout_len"));
        compare(problems, "num_sequence_steps", (long) pattern.numSequenceSteps(), golden.get("num_sequence_steps"));
        compare(problems, "max_delay", (long) pattern.maxDelay(), golden.get("max_delay"));
        compare(problems, "valid_layout_len", (long) pattern.validLayout().size(), golden.get("valid_layout_len"));
        compare(
                problems,
                "starts_with_special_token",
                pattern.startsWithSpecialToken(),
                golden.get("starts_with_special_token"));
        compare(problems, "first_step_with_timestep", firstSteps(pattern), golden.get("first_step_with_timestep"));
        checkSelection(problems, pattern, golden, "full", StepSelection.ALL_STEPS);
        checkSelection(problems, pattern, golden, "valid", StepSelection.VALID_STEPS);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void checkSelection(
            List<String> problems, Pattern pattern, GoldenCase golden, String key, StepSelection selection) {
        Map<String, Object> expected = (Map<String, Object>) golden.get(key);
        if (expected == null) {
            problems.add(key + ": missing from the golden case");
            return;
        }
        int[][] codes = new int[pattern.codebooks()][pattern.timesteps()];
        for (int k = 0; k < codes.length; k++) {
            for (int t = 0; t < codes[k].length; t++) {
                codes[k][t] = k * STRIDE + t;
            }
        }
        CodeGrid built = pattern.build(codes, SPECIAL, selection);
        int steps = built.values()[0].length;
        compare(problems, key + ".S", (long) steps, expected.get("S"));
        compare(problems, key + ".sequence", ints(built.values()), expected.get("sequence"));
        compare(problems, key + ".sequence_mask", ints(built.mask()), expected.get("sequence_mask"));
        compare(
                problems,
                key + ".sequence_indexes",
                ints(pattern.buildIndex(pattern.timesteps(), selection).index()),
                expected.get("sequence_indexes"));

        CodeGrid reverted = pattern.revert(built.values(), SPECIAL, selection);
        compare(problems, key + ".reverted", ints(reverted.values()), expected.get("reverted"));
        compare(problems, key + ".reverted_mask", ints(reverted.mask()), expected.get("reverted_mask"));

        float[][][] scores = new float[pattern.codebooks()][steps][1];
        for (int k = 0; k < scores.length; k++) {
            for (int s = 0; s < steps; s++) {
                scores[k][s][0] = k * STRIDE + s;
            }
        }
        ScoreGrid revertedScores = pattern.revertScores(scores, SCORE_FILL, selection);
        compare(problems, key + ".reverted_logits", ints(revertedScores.scores()), expected.get("reverted_logits"));
        compare(
                problems,
                key + ".reverted_logits_mask",
                ints(revertedScores.mask()),
                expected.get("reverted_logits_mask"));
    }

    private static void compare(List<String> problems, String field, Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            problems.add(field + " differs: expected " + shorten(expected) + ", got " + shorten(actual));
        }
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }

    private static List<Object> layout(Pattern pattern) {
        List<Object> steps = new ArrayList<>();
        for (List<Coord> step : pattern.layout()) {
            List<Object> coords = new ArrayList<>();
            for (Coord c : step) {
                coords.add(List.of((long) c.t(), (long) c.k()));
            }
            steps.add(coords);
        }
        return steps;
    }

    private static List<Object> firstSteps(Pattern pattern) {
        List<Object> out = new ArrayList<>();
        for (int t = 0; t <= pattern.timesteps(); t++) {
            var step = pattern.firstStepWithTimestep(t);
            out.add(step.isPresent() ? (Object) (long) step.getAsInt() : null);
        }
        return out;
    }

    private static List<Object> ints(int[][] grid) {
        List<Object> rows = new ArrayList<>();
        for (int[] row : grid) {
            List<Object> cells = new ArrayList<>();
            for (int v : row) {
                cells.add((long) v);
            }
            rows.add(cells);
        }
        return rows;
    }

    private static List<Object> ints(boolean[][] grid) {
        List<Object> rows = new ArrayList<>();
        for (boolean[] row : grid) {
            List<Object> cells = new ArrayList<>();
            for (boolean v : row) {
                cells.add(v ? 1L : 0L);
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Scores of width 1, as the integers the reference file stores. */
    private static List<Object> ints(float[][][] grid) {
        List<Object> rows = new ArrayList<>();
        for (float[][] row : grid) {
            List<Object> cells = new ArrayList<>();
            for (float[] cell : row) {
                cells.add((long) cell[0]);
            }
            rows.add(cells);
        }
        return rows;
    }
}
