package dev.rvqlm.lm;

/**
 * The shape of a stack of pre-norm decoder blocks: what {@link TransformerStack} and its {@link KvCache} need.
 * {@link LmConfig#blocks()} gives the main model's; a second transformer (over codebooks, say) has its own.
 *
 * @param layers        L ≥ 1 blocks
 * @param dim           D, width, divisible by H
 * @param heads         H attention heads
 * @param ffnMultiplier feed-forward width in units of D
 * @param dropout       residual dropout during training, in [0, 1)
 */
record BlockShape(int layers, int dim, int heads, int ffnMultiplier, double dropout) {

    /** D / H. */
    int headDim() {
        return dim / heads;
    }
}
