package dev.rvqlm.tokenizer.fine;

import dev.rvqlm.tokenizer.shaping.BandLayout;
import dev.rvqlm.tokenizer.shaping.Shaping;

/**
 * A codec's fine structure as trained and decoded: the stored {@link FineStructure} and the {@link FineVectors}
 * it gives on the codec's band layout.
 */
public record FineLayout(FineStructure structure, FineVectors vectors) {

    public FineLayout {
        if (structure == null || vectors == null || structure.bands() != vectors.bands()) {
            throw new IllegalArgumentException("a fine layout needs a structure and vectors of the same bands");
        }
    }

    /** The layout of {@code structure} on the bands {@code layout} of gain-shape shaping {@code shaping}. */
    public static FineLayout of(FineStructure structure, BandLayout layout, Shaping.GainShape shaping) {
        return new FineLayout(structure, new FineVectors(layout, shaping, structure));
    }

    /** Values the fine part adds to each VQ vector. */
    public int length() {
        return vectors.length();
    }
}
