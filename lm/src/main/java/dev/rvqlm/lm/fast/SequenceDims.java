package dev.rvqlm.lm.fast;

/**
 * What the model's input steps look like: K cells of codes in [0, N] (N the special token), at most
 * {@code maxSteps} steps (the sinusoid table's length).
 *
 * @param codebooks    K ≥ 1
 * @param codebookSize N ≥ 2
 * @param maxSteps     the longest sequence the model takes
 */
public record SequenceDims(int codebooks, int codebookSize, int maxSteps) {

    public SequenceDims {
        if (codebooks < 1 || codebookSize < 2 || maxSteps < 1) {
            throw new IllegalArgumentException("a sequence needs K ≥ 1, N ≥ 2 and at least one step, got K=" + codebooks
                    + ", N=" + codebookSize + ", " + maxSteps + " steps");
        }
    }

    /** V = N + 1 embedding rows per codebook. */
    int vocabulary() {
        return codebookSize + 1;
    }
}
