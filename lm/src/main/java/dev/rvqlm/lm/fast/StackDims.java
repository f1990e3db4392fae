package dev.rvqlm.lm.fast;

/**
 * The shape of a stack of pre-norm decoder blocks, as the Java engine needs it.
 *
 * @param layers   L ≥ 1 blocks
 * @param dim      D, the width, divisible by H
 * @param heads    H ≥ 1 attention heads
 * @param ffnWidth the feed-forward network's hidden width (the FFN multiplier times D)
 */
public record StackDims(int layers, int dim, int heads, int ffnWidth) {

    public StackDims {
        if (layers < 1 || dim < 1 || heads < 1 || dim % heads != 0 || ffnWidth < 1) {
            throw new IllegalArgumentException("a stack needs L ≥ 1, D divisible by H ≥ 1 and an FFN width ≥ 1, got L="
                    + layers + ", D=" + dim + ", H=" + heads + ", FFN " + ffnWidth);
        }
    }

    /** D / H. */
    public int headDim() {
        return dim / heads;
    }
}
