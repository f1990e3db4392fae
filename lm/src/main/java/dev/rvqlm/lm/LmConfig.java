package dev.rvqlm.lm;

/**
 * The shape of an {@link LmModel}: everything stored in a checkpoint that fixes the parameter tensors. Run settings
 * (learning rate, batch, ...) live in {@link LmTraining}; sampling settings in {@link SampleConfig}.
 *
 * <pre>{@code
 * LmConfig config = new LmConfig(4, 1024, 256, 6, 8, 4, 0.0, 1024); // config A of the benchmark
 * long params = config.parameterCount();                          // 6,823,424, as the PyTorch yardstick counts
 * double flops = config.trainingFlops(8, 512);                    // one training step of B=8, S=512
 * }</pre>
 *
 * <p>Letters: K codebooks, N codebook size (V = N + 1 embedding rows, row N the special token), D model width,
 * L layers, H heads, S sequence steps.
 *
 * @param codebooks        K ≥ 1, the number of token streams (one embedding table and one head each)
 * @param codebookSize     N ≥ 2, codes per codebook; the model embeds N + 1 values and predicts N
 * @param dim              D ≥ 2, model width, divisible by H with an even head width (sinusoids need D/2 ≥ 2)
 * @param layers           L ≥ 1 decoder blocks
 * @param heads            H ≥ 1 attention heads
 * @param ffnMultiplier    hidden width of the feed-forward network in units of D (4 as in GPT-2 and MusicGen)
 * @param dropout          residual dropout probability in [0, 1) during training (MusicGen uses 0.0 at our sizes)
 * @param maxSequenceSteps the longest sequence (pattern steps S, including the leading special step) the model
 *                         accepts; sizes the sinusoid table and the sampler's key/value cache
 */
public record LmConfig(int codebooks, int codebookSize, int dim, int layers, int heads, int ffnMultiplier,
        double dropout, int maxSequenceSteps) {

    public LmConfig {
        require(codebooks >= 1, "codebooks (K) must be at least 1, got " + codebooks);
        require(codebookSize >= 2, "codebookSize (N) must be at least 2, got " + codebookSize);
        require(dim >= 4, "dim (D) must be at least 4, got " + dim);
        require(layers >= 1, "layers (L) must be at least 1, got " + layers);
        require(heads >= 1, "heads (H) must be at least 1, got " + heads);
        require(dim % heads == 0, "dim (D=" + dim + ") must be divisible by heads (H=" + heads + ")");
        require(dim % 2 == 0, "dim (D) must be even for the sinusoidal positions, got " + dim);
        require(ffnMultiplier >= 1, "ffnMultiplier must be at least 1, got " + ffnMultiplier);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(maxSequenceSteps >= 2, "maxSequenceSteps must be at least 2, got " + maxSequenceSteps);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** V = N + 1: embedding rows per codebook, the last one being the special token. */
    public int vocabulary() {
        return codebookSize + 1;
    }

    /** The special token's value, N. */
    public int specialToken() {
        return codebookSize;
    }

    /** The decoder blocks' shape: L, D, H, FFN multiplier, dropout. */
    BlockShape blocks() {
        return new BlockShape(layers, dim, heads, ffnMultiplier, dropout);
    }

    /** D / H. */
    public int headDim() {
        return dim / heads;
    }

    /** Parameters of the K embedding tables: K·(N+1)·D. */
    public long embeddingParameterCount() {
        return (long) codebooks * vocabulary() * dim;
    }

    /**
     * Parameters outside the embeddings: per layer two LayerNorms (2·2D), fused QKV (3D²), output projection (D²),
     * FFN (2·m·D²); the final LayerNorm (2D) and the K heads (K·N·D). Sinusoidal positions have no parameters.
     */
    public long nonEmbeddingParameterCount() {
        long d = dim;
        long perLayer = 4 * d + 3 * d * d + d * d + 2L * ffnMultiplier * d * d;
        return layers * perLayer + 2 * d + (long) codebooks * codebookSize * d;
    }

    /** All parameters: {@link #embeddingParameterCount()} + {@link #nonEmbeddingParameterCount()}. */
    public long parameterCount() {
        return embeddingParameterCount() + nonEmbeddingParameterCount();
    }

    /**
     * Training FLOPs (forward + backward) per sequence step at context length S, the PaLM / nanoGPT estimate:
     * {@code 6·P_nonemb + 6·L·S·D}. The attention term counts half of the S×S work (causal), as the yardstick does;
     * embedding lookups count nothing.
     */
    public double flopsPerStep(int sequenceSteps) {
        return 6.0 * nonEmbeddingParameterCount() + 6.0 * layers * sequenceSteps * dim;
    }

    /** Training FLOPs of one optimizer step on a batch of B sequences of S steps: {@code B·S·flopsPerStep(S)}. */
    public double trainingFlops(int batch, int sequenceSteps) {
        return (double) batch * sequenceSteps * flopsPerStep(sequenceSteps);
    }

    /** Forward-only FLOPs of one cached sampling step for one sequence at context length S: a third of training. */
    public double forwardFlopsPerStep(int contextSteps) {
        return flopsPerStep(contextSteps) / 3.0;
    }
}
