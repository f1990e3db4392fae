package dev.rvqlm.patterns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An interleaving of a K×T code grid into a sequence of steps, each step holding some (t, k) coordinates
 * (AudioCraft's {@code Pattern}). Step 0 is normally empty: it becomes the leading special token (only the delay
 * pattern's {@code empty_initial=-1} removes it, as the reference allows). Coordinates with
 * {@code t >= T} may appear ("phantom" cells past the end); building ignores them.
 *
 * <p>Shapes: K codebooks, T timesteps, S sequence steps (columns of a built sequence), V scores per cell.
 */
public final class Pattern {

    private final List<List<Coord>> layout;
    private final int timesteps;
    private final int codebooks;

    /**
     * @throws IllegalArgumentException if the layout is empty, a codebook appears twice in one step, a codebook is
     *     out of range, or a codebook's timesteps go backwards along the sequence
     */
    public Pattern(List<List<Coord>> layout, int timesteps, int codebooks) {
        this.layout = copyOf(layout);
        this.timesteps = timesteps;
        this.codebooks = codebooks;
        validate();
    }

    private static List<List<Coord>> copyOf(List<List<Coord>> layout) {
        List<List<Coord>> copy = new ArrayList<>(layout.size());
        for (List<Coord> step : layout) {
            copy.add(List.copyOf(step));
        }
        return Collections.unmodifiableList(copy);
    }

    private void validate() {
        if (layout.isEmpty()) {
            throw new IllegalArgumentException("a pattern layout needs at least one step");
        }
        int[] lastTimestep = new int[codebooks];
        for (int s = 0; s < layout.size(); s++) {
            Set<Integer> seen = new HashSet<>();
            for (Coord c : layout.get(s)) {
                if (c.k() < 0 || c.k() >= codebooks) {
                    throw new IllegalArgumentException("step " + s + " refers to codebook " + c.k()
                            + " but the pattern has K=" + codebooks + " codebooks");
                }
                if (c.t() < lastTimestep[c.k()]) {
                    throw new IllegalArgumentException("step " + s + " goes back in time for codebook " + c.k()
                            + ": timestep " + c.t() + " after " + lastTimestep[c.k()]);
                }
                if (!seen.add(c.k())) {
                    throw new IllegalArgumentException("step " + s + " holds codebook " + c.k() + " twice");
                }
                lastTimestep[c.k()] = c.t();
            }
        }
    }

    /** The steps, step 0 normally being the empty initial step. */
    public List<List<Coord>> layout() {
        return layout;
    }

    public int timesteps() {
        return timesteps;
    }

    public int codebooks() {
        return codebooks;
    }

    /** True when step 0 is empty, i.e. a built sequence starts with the special token. */
    public boolean startsWithSpecialToken() {
        return layout.get(0).isEmpty();
    }

    /** Steps after the initial special step: {@code layout().size() - 1}. */
    public int numSequenceSteps() {
        return layout.size() - 1;
    }

    /** How many steps past T the layout reaches: max(t + 1) over steps 1.. minus T (−T for an empty layout). */
    public int maxDelay() {
        int end = 0;
        for (List<Coord> step : layout.subList(1, layout.size())) {
            for (Coord c : step) {
                end = Math.max(end, c.t() + 1);
            }
        }
        return end - timesteps;
    }

    /** The leading steps that AudioCraft trains on: the layout cut {@code maxDelay()} steps before its end. */
    public List<List<Coord>> validLayout() {
        return layout.subList(0, pythonSliceEnd(layout.size() - maxDelay(), layout.size()));
    }

    /** The steps a built sequence covers for the given selection. */
    public List<List<Coord>> steps(StepSelection selection) {
        return selection == StepSelection.VALID_STEPS ? validLayout() : layout;
    }

    /** The first step holding timestep {@code t} of any codebook, empty when no step does. */
    public OptionalInt firstStepWithTimestep(int t) {
        if (t > timesteps) {
            throw new IllegalArgumentException("timestep " + t + " is past the pattern's T=" + timesteps);
        }
        for (int s = 0; s < layout.size(); s++) {
            for (Coord c : layout.get(s)) {
                if (c.t() == t) {
                    return OptionalInt.of(s);
                }
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Where each cell of a built [K][S] sequence comes from in the k-major flattened [K][T'] codes
     * (index {@code k*T' + t}; {@code K*T'} for the special token). Coordinates with {@code t >= T'} are left out.
     */
    public GatherIndex buildIndex(int codeTimesteps, StepSelection selection) {
        if (codeTimesteps < 0 || codeTimesteps > timesteps) {
            throw new IllegalArgumentException("codes have T=" + codeTimesteps
                    + " timesteps but the pattern was built for at most T=" + timesteps);
        }
        List<List<Coord>> steps = steps(selection);
        int fill = codebooks * codeTimesteps;
        int[][] index = filled(codebooks, steps.size(), fill);
        boolean[][] mask = new boolean[codebooks][steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            for (Coord c : steps.get(s)) {
                if (c.t() < codeTimesteps) {
                    index[c.k()][s] = c.t() + c.k() * codeTimesteps;
                    mask[c.k()][s] = true;
                }
            }
        }
        return new GatherIndex(index, mask, fill);
    }

    /**
     * Where each cell of the [K][T] grid comes from in a k-major flattened [K][S] sequence (index {@code k*S + s};
     * {@code K*S} for the fill value). With {@code modelOutput}, the initial empty step is skipped: the model's
     * output at step s predicts the cells of step s + 1 (AudioCraft's {@code is_model_output}). A layout without
     * the initial empty step is not shifted, as in the reference.
     */
    public GatherIndex revertIndex(int sequenceSteps, StepSelection selection, boolean modelOutput) {
        List<List<Coord>> steps = steps(selection);
        if (sequenceSteps < 0 || sequenceSteps > steps.size()) {
            throw new IllegalArgumentException(
                    "sequence has S=" + sequenceSteps + " steps but the pattern defines only " + steps.size());
        }
        if (modelOutput && startsWithSpecialToken()) {
            steps = steps.subList(1, steps.size());
        }
        int fill = codebooks * sequenceSteps;
        int[][] index = filled(codebooks, timesteps, fill);
        boolean[][] mask = new boolean[codebooks][timesteps];
        for (int s = 0; s < Math.min(sequenceSteps, steps.size()); s++) {
            for (Coord c : steps.get(s)) {
                if (c.t() < timesteps) {
                    index[c.k()][c.t()] = s + c.k() * sequenceSteps;
                    mask[c.k()][c.t()] = true;
                }
            }
        }
        return new GatherIndex(index, mask, fill);
    }

    /** Interleaves [K][T'] codes into a [K][S] sequence; empty cells get {@code specialToken}. */
    public CodeGrid build(int[][] codes, int specialToken, StepSelection selection) {
        int codeTimesteps = requireGrid(codes, "codes");
        GatherIndex index = buildIndex(codeTimesteps, selection);
        return new CodeGrid(index.gather(codes, specialToken), index.mask());
    }

    /** Undoes {@link #build}: a [K][S] sequence back to [K][T] codes; cells no step holds get {@code specialToken}. */
    public CodeGrid revert(int[][] sequence, int specialToken, StepSelection selection) {
        int sequenceSteps = requireGrid(sequence, "sequence");
        GatherIndex index = revertIndex(sequenceSteps, selection, false);
        return new CodeGrid(index.gather(sequence, specialToken), index.mask());
    }

    /**
     * Aligns per-step model outputs [K][S][V] with the codes they predict, [K][T][V]: the output at step s scores
     * the cells of step s + 1 (the reference's {@code revert_pattern_logits}). Unpredicted cells get {@code fill}.
     */
    public ScoreGrid revertScores(float[][][] scores, float fill, StepSelection selection) {
        if (scores.length != codebooks) {
            throw new IllegalArgumentException(
                    "scores have K=" + scores.length + " codebooks but the pattern was built for K=" + codebooks);
        }
        int sequenceSteps = scores.length == 0 ? 0 : scores[0].length;
        GatherIndex index = revertIndex(sequenceSteps, selection, true);
        return new ScoreGrid(index.gather(scores, fill), index.mask());
    }

    private int requireGrid(int[][] grid, String what) {
        if (grid.length != codebooks) {
            throw new IllegalArgumentException(
                    what + " have K=" + grid.length + " codebooks but the pattern was built for K=" + codebooks);
        }
        int width = grid.length == 0 ? 0 : grid[0].length;
        for (int[] row : grid) {
            if (row.length != width) {
                throw new IllegalArgumentException(what + " rows differ in length: " + width + " and " + row.length);
            }
        }
        return width;
    }

    private static int[][] filled(int rows, int columns, int value) {
        int[][] grid = new int[rows][columns];
        for (int[] row : grid) {
            Arrays.fill(row, value);
        }
        return grid;
    }

    /** Python's {@code list[:end]} length: a negative end counts from the back. */
    private static int pythonSliceEnd(int end, int size) {
        return end < 0 ? Math.max(0, size + end) : Math.min(end, size);
    }

    @Override
    public String toString() {
        return "Pattern(K=" + codebooks + ", T=" + timesteps + ", steps=" + layout.size() + ")";
    }
}
