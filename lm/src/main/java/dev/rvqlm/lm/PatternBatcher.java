package dev.rvqlm.lm;

import dev.rvqlm.patterns.GatherIndex;
import dev.rvqlm.patterns.Pattern;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.patterns.StepSelection;
import java.util.List;

/**
 * The one adapter between codes and the LM (AudioCraft's {@code compute_predictions}): K×T crops become pattern
 * sequences [B][K][S] (special token N in empty cells), and each code of the crop becomes the target of exactly
 * one model output through the pattern's revert of scores (output step s predicts the cells of step s + 1).
 * Targets are laid out [B][S][K] like the logits.
 */
final class PatternBatcher {

    /** A built batch: model input, targets and 0/1 weights per output cell, and scored cells per codebook. */
    record Batch(int[][][] sequences, long[] targets, float[] weights, float[] counts, int batch, int steps) {}

    private final int codebooks;
    private final int special;
    private final int timesteps;
    private final StepSelection selection;
    private final Pattern pattern;
    private final int steps;
    private final GatherIndex revert;

    PatternBatcher(PatternSpec spec, LmConfig config, int timesteps, StepSelection selection) {
        this.codebooks = config.codebooks();
        this.special = config.specialToken();
        this.timesteps = timesteps;
        this.selection = selection;
        this.pattern = spec.pattern(codebooks, timesteps);
        this.steps = pattern.steps(selection).size();
        if (steps > config.maxSequenceSteps()) {
            throw new IllegalArgumentException("pattern " + spec + " turns T=" + timesteps + " timesteps into S="
                    + steps + " sequence steps but the model takes at most maxSequenceSteps="
                    + config.maxSequenceSteps());
        }
        this.revert = pattern.revertIndex(steps, selection, true);
    }

    /** S, sequence steps per crop (including the leading special step). */
    int steps() {
        return steps;
    }

    int timesteps() {
        return timesteps;
    }

    Batch batch(List<int[][]> crops) {
        int b = crops.size();
        int[][][] sequences = new int[b][][];
        long[] targets = new long[b * steps * codebooks];
        float[] weights = new float[targets.length];
        float[] counts = new float[codebooks];
        int[][] index = revert.index();
        boolean[][] mask = revert.mask();
        for (int i = 0; i < b; i++) {
            int[][] codes = crops.get(i);
            if (codes.length != codebooks || codes[0].length != timesteps) {
                throw new IllegalArgumentException("a crop is " + codes.length + "×" + codes[0].length
                        + " but the batcher expects K=" + codebooks + " × T=" + timesteps);
            }
            sequences[i] = pattern.build(codes, special, selection).values();
            for (int k = 0; k < codebooks; k++) {
                for (int t = 0; t < timesteps; t++) {
                    if (mask[k][t]) {
                        int s = index[k][t] - k * steps; // the output step that predicts (k, t)
                        int cell = (i * steps + s) * codebooks + k;
                        targets[cell] = codes[k][t];
                        weights[cell] = 1f;
                        counts[k]++;
                    }
                }
            }
        }
        return new Batch(sequences, targets, weights, counts, b, steps);
    }
}
