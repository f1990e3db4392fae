package dev.rvqlm.lm;

import dev.rvqlm.patterns.PatternSpec;

/**
 * An LM's size apart from what the data fixes (K and N come from the tokens, the longest sequence from the
 * pattern): the one place the default sizes of {@code rvq train} and {@code rvq eval} are decided.
 *
 * <pre>{@code
 * LmConfig config = ModelShape.standard().lmConfig(4, 1024, ModelShape.defaultMaxSequenceSteps(spec, 4, 64));
 * }</pre>
 *
 * @param dim           D, model width
 * @param layers        L
 * @param heads         H
 * @param ffnMultiplier FFN width in units of D (4, as GPT-2 and MusicGen)
 * @param dropout       residual dropout (0, as MusicGen at small sizes)
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

    /** D=256, L=6, H=8: the benchmark's config A, {@code rvq train}'s default. */
    public static ModelShape standard() {
        return new ModelShape(256, 6, 8, 4, 0.0);
    }

    /**
     * The longest sequence a model trained on T-frame crops takes by default: the pattern's length for 4·T frames,
     * so that sampling can go past the trained length (the sinusoidal positions extrapolate there).
     */
    public static int defaultMaxSequenceSteps(PatternSpec spec, int codebooks, int timesteps) {
        return spec.pattern(codebooks, 4 * timesteps).layout().size();
    }

    public LmConfig lmConfig(int codebooks, int codebookSize, int maxSequenceSteps) {
        return new LmConfig(codebooks, codebookSize, dim, layers, heads, ffnMultiplier, dropout, maxSequenceSteps);
    }
}
