package dev.rvqlm.lm;

import dev.rvqlm.patterns.PatternSpec;
import java.util.Locale;

/**
 * A transformer's size apart from what the data fixes (K and N come from the tokens, the longest sequence from the
 * pattern): the one place the default sizes of {@code rvq train} and {@code rvq eval} are decided, and the shape of
 * a stack of pre-norm decoder blocks ({@link TransformerStack}, the depth transformer's too).
 *
 * <pre>{@code
 * LmConfig config = ModelShape.standard().lmConfig(4, 1024, ModelShape.defaultMaxSequenceSteps(spec, 4, 64));
 * ModelShape size = ModelShape.parseSize("128x2");   // D=128, L=2, H=4 (derived), as --sizes takes it
 * }</pre>
 *
 * @param dim           D, model width, even, divisible by H
 * @param layers        L
 * @param heads         H
 * @param ffnMultiplier FFN width in units of D (4, as GPT-2 and MusicGen)
 * @param dropout       residual dropout (0, as MusicGen at small sizes)
 */
public record ModelShape(int dim, int layers, int heads, int ffnMultiplier, double dropout) {

    /** Head width the derived head count aims at (the benchmark's configs A and B use 32). */
    static final int HEAD_WIDTH = 32;

    public ModelShape {
        Checks.requireShape("", "", dim, layers, heads, ffnMultiplier);
        Checks.require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    }

    /** A builder starting from {@link #small()}'s FFN multiplier and dropout; D, L and H must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this shape's values. */
    public Builder toBuilder() {
        return new Builder()
                .dim(dim)
                .layers(layers)
                .heads(heads)
                .ffnMultiplier(ffnMultiplier)
                .dropout(dropout);
    }

    /** D=128, L=2, H=4: the benchmark's config B, small enough to train four times in minutes on 2 cores. */
    public static ModelShape small() {
        return ofSize(128, 2);
    }

    /** D=256, L=6, H=8: the benchmark's config A, {@code rvq train}'s default. */
    public static ModelShape standard() {
        return ofSize(256, 6);
    }

    /** Width D and L layers with the derived head count ({@link #derivedHeads}), FFN ×4, no dropout. */
    public static ModelShape ofSize(int dim, int layers) {
        return builder().dim(dim).layers(layers).heads(derivedHeads(dim)).build();
    }

    /**
     * The head count for width D: heads of about {@value #HEAD_WIDTH} wide (D/32), at least 1, lowered until it
     * divides D.
     */
    public static int derivedHeads(int dim) {
        int heads = Math.max(1, dim / HEAD_WIDTH);
        while (heads > 1 && dim % heads != 0) {
            heads--;
        }
        return heads;
    }

    /**
     * Parses a size as {@code --sizes} takes it: {@code DxL} (heads derived) or {@code DxLxH}, e.g. {@code 128x2}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong
     */
    public static ModelShape parseSize(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
        Checks.require(
                parts.length == 2 || parts.length == 3,
                "model size '" + text + "' must be WIDTHxLAYERS or WIDTHxLAYERSxHEADS, e.g. 128x2");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "model size '" + text + "': '" + parts[i] + "' is not a whole number (e.g. 128x2)");
            }
        }
        int heads = parts.length == 3 ? values[2] : derivedHeads(values[0]);
        return builder().dim(values[0]).layers(values[1]).heads(heads).build();
    }

    /** The size as {@link #parseSize} reads it: {@code DxL}, or {@code DxLxH} when H is not the derived one. */
    public String label() {
        return dim + "x" + layers + (heads == derivedHeads(dim) ? "" : "x" + heads);
    }

    /** D / H. */
    int headDim() {
        return dim / heads;
    }

    /**
     * The longest sequence a model trained on T-frame crops takes by default: the pattern's length for 4·T frames,
     * so that sampling can go past the trained length (the sinusoidal positions extrapolate there).
     */
    public static int defaultMaxSequenceSteps(PatternSpec spec, int codebooks, int timesteps) {
        return spec.pattern(codebooks, 4 * timesteps).layout().size();
    }

    /** An interleaved model of this shape for K codebooks of N codes and sequences of up to S steps. */
    public LmConfig lmConfig(int codebooks, int codebookSize, int maxSequenceSteps) {
        return LmConfig.builder()
                .codebooks(codebooks)
                .codebookSize(codebookSize)
                .shape(this)
                .maxSequenceSteps(maxSequenceSteps)
                .build();
    }

    /** Builds a {@link ModelShape} by name; {@link #build} validates. */
    public static final class Builder {
        private int dim;
        private int layers;
        private int heads;
        private int ffnMultiplier = 4;
        private double dropout;

        private Builder() {}

        public Builder dim(int dim) {
            this.dim = dim;
            return this;
        }

        public Builder layers(int layers) {
            this.layers = layers;
            return this;
        }

        public Builder heads(int heads) {
            this.heads = heads;
            return this;
        }

        public Builder ffnMultiplier(int ffnMultiplier) {
            this.ffnMultiplier = ffnMultiplier;
            return this;
        }

        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        public ModelShape build() {
            return new ModelShape(dim, layers, heads, ffnMultiplier, dropout);
        }
    }
}
