package dev.rvqlm.eval.run;

import dev.rvqlm.lm.LmConfig;

/**
 * The LM size every pattern gets; K and N come from the tokens, the longest sequence from the patterns.
 *
 * @param dim           D, model width (default 128)
 * @param layers        L (default 2)
 * @param heads         H (default 4)
 * @param ffnMultiplier FFN width in units of D (default 4, as GPT-2 and MusicGen)
 * @param dropout       residual dropout (default 0, as MusicGen at small sizes)
 */
public record ModelShape(int dim, int layers, int heads, int ffnMultiplier, double dropout) {

    public ModelShape {
        // LmConfig checks every field again with K and N known; these catch a bad shape before any data is read.
        new LmConfig(1, 2, dim, layers, heads, ffnMultiplier, dropout, 2);
    }

    /** D=128, L=2, H=4: the benchmark's config B, small enough to train four times in minutes on 2 cores. */
    public static ModelShape small() {
        return new ModelShape(128, 2, 4, 4, 0.0);
    }

    public LmConfig lmConfig(int codebooks, int codebookSize, int maxSequenceSteps) {
        return new LmConfig(codebooks, codebookSize, dim, layers, heads, ffnMultiplier, dropout, maxSequenceSteps);
    }
}
