package dev.rvqlm.lm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of an {@link LmModel}: everything stored in a checkpoint that fixes the parameter tensors. Run settings
 * (learning rate, batch, ...) live in {@link LmTraining}; sampling settings in {@link SampleConfig}.
 *
 * <pre>{@code
 * LmConfig config = ModelShape.standard().lmConfig(4, 1024, 1024);  // config A of the benchmark
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
 * @param family           how a step's K cells are predicted ({@link LmFamily}); null means
 *                         {@link LmFamily#INTERLEAVED}, which is also what a header without the field (written
 *                         before families existed) means, and is left out of the JSON form
 */
public record LmConfig(
        int codebooks,
        int codebookSize,
        int dim,
        int layers,
        int heads,
        int ffnMultiplier,
        double dropout,
        int maxSequenceSteps,

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OmitInterleaved.class)
        LmFamily family) {

    /** An interleaved (MusicGen) model, the only family before depth models. */
    public LmConfig(
            int codebooks,
            int codebookSize,
            int dim,
            int layers,
            int heads,
            int ffnMultiplier,
            double dropout,
            int maxSequenceSteps) {
        this(
                codebooks,
                codebookSize,
                dim,
                layers,
                heads,
                ffnMultiplier,
                dropout,
                maxSequenceSteps,
                LmFamily.INTERLEAVED);
    }

    public LmConfig {
        family = family == null ? LmFamily.INTERLEAVED : family;
        Checks.require(codebooks >= 1, "codebooks (K) must be at least 1, got " + codebooks);
        Checks.require(codebookSize >= 2, "codebookSize (N) must be at least 2, got " + codebookSize);
        Checks.requireShape("", "", dim, layers, heads, ffnMultiplier);
        Checks.require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        Checks.require(maxSequenceSteps >= 2, "maxSequenceSteps must be at least 2, got " + maxSequenceSteps);
    }

    /** A builder; K, N, the shape and the longest sequence have no defaults, the family is interleaved. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder()
                .codebooks(codebooks)
                .codebookSize(codebookSize)
                .shape(shape())
                .maxSequenceSteps(maxSequenceSteps)
                .family(family);
    }

    /** The transformer's size apart from the data: D, L, H, FFN multiplier, dropout. */
    public ModelShape shape() {
        return ModelShape.builder()
                .dim(dim)
                .layers(layers)
                .heads(heads)
                .ffnMultiplier(ffnMultiplier)
                .dropout(dropout)
                .build();
    }

    /** Builds an {@link LmConfig} by name; {@link #build} validates. */
    public static final class Builder {
        private int codebooks;
        private int codebookSize;
        private ModelShape shape;
        private int maxSequenceSteps;
        private LmFamily family = LmFamily.INTERLEAVED;

        private Builder() {}

        public Builder codebooks(int k) {
            this.codebooks = k;
            return this;
        }

        public Builder codebookSize(int n) {
            this.codebookSize = n;
            return this;
        }

        public Builder shape(ModelShape shape) {
            this.shape = shape;
            return this;
        }

        public Builder maxSequenceSteps(int steps) {
            this.maxSequenceSteps = steps;
            return this;
        }

        public Builder family(LmFamily family) {
            this.family = family;
            return this;
        }

        public LmConfig build() {
            Checks.require(shape != null, "the LM config needs a model shape (D, L, H)");
            return new LmConfig(
                    codebooks,
                    codebookSize,
                    shape.dim(),
                    shape.layers(),
                    shape.heads(),
                    shape.ffnMultiplier(),
                    shape.dropout(),
                    maxSequenceSteps,
                    family);
        }
    }

    /** The depth transformer's shape, or null for an interleaved model. */
    public LmFamily.Depth depth() {
        return family instanceof LmFamily.Depth d ? d : null;
    }

    /**
     * Sequential model evaluations per sequence step when sampling: 1 for an interleaved model; 1 + K for a depth
     * model (one temporal step, then K depth steps). Eval's "sequence steps per second" multiplies the pattern's
     * steps per second by this.
     */
    public int sequentialStepsPerStep() {
        return depth() == null ? 1 : 1 + codebooks;
    }

    /**
     * Reads the JSON form: the eight shape fields are required (a missing one names itself), {@code family} is
     * optional (absent in headers written before families existed).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LmConfig fromJson(Map<String, Object> fields) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        Object family = f.remove("family");
        LmConfig c = builder()
                .codebooks(integer(f, "codebooks"))
                .codebookSize(integer(f, "codebookSize"))
                .shape(ModelShape.builder()
                        .dim(integer(f, "dim"))
                        .layers(integer(f, "layers"))
                        .heads(integer(f, "heads"))
                        .ffnMultiplier(integer(f, "ffnMultiplier"))
                        .dropout(Double.parseDouble(String.valueOf(required(f, "dropout"))))
                        .build())
                .maxSequenceSteps(integer(f, "maxSequenceSteps"))
                .family(family == null ? null : LmJson.MAPPER.convertValue(family, LmFamily.class))
                .build();
        if (!f.isEmpty()) {
            throw new IllegalArgumentException("unknown model fields " + f.keySet());
        }
        return c;
    }

    private static Object required(Map<String, Object> fields, String name) {
        Object v = fields.remove(name);
        if (v == null) {
            throw new IllegalArgumentException("the model shape has no " + name);
        }
        return v;
    }

    private static int integer(Map<String, Object> fields, String name) {
        return Integer.parseInt(String.valueOf(required(fields, name)));
    }

    /** Jackson's filter that leaves the default family out of the JSON form (older readers, stable run ids). */
    static final class OmitInterleaved {
        @Override
        public boolean equals(Object value) {
            return value == null || value instanceof LmFamily.Interleaved;
        }

        @Override
        public int hashCode() {
            return 0;
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

    /** The decoder blocks' shape: the same as {@link #shape()}. */
    ModelShape blocks() {
        return shape();
    }

    /** D / H. */
    public int headDim() {
        return dim / heads;
    }

    /** Parameters of the K embedding tables: K·(N+1)·D. */
    public long embeddingParameterCount() {
        LmFamily.Depth d = depth();
        return (long) codebooks * vocabulary() * dim
                + (d == null ? 0 : d.embeddingParameterCount(codebooks, codebookSize));
    }

    /**
     * Parameters outside the embeddings: per layer two LayerNorms (2·2D), fused QKV (3D²), output projection (D²),
     * FFN (2·m·D²); the final LayerNorm (2D) and the K heads (K·N·D). Sinusoidal positions have no parameters.
     */
    public long nonEmbeddingParameterCount() {
        return temporalParameterCount() + outputParameterCount();
    }

    /** The main transformer's blocks and final LayerNorm. */
    private long temporalParameterCount() {
        long d = dim;
        long perLayer = 4 * d + 3 * d * d + d * d + 2L * ffnMultiplier * d * d;
        return layers * perLayer + 2 * d;
    }

    /** The K heads (K·N·D), or the depth transformer's non-embedding parameters. */
    private long outputParameterCount() {
        LmFamily.Depth d = depth();
        return d == null
                ? (long) codebooks * codebookSize * dim
                : d.inputParameterCount(dim) + d.perPositionParameterCount(codebooks, codebookSize);
    }

    /** All parameters: {@link #embeddingParameterCount()} + {@link #nonEmbeddingParameterCount()}. */
    public long parameterCount() {
        return embeddingParameterCount() + nonEmbeddingParameterCount();
    }

    /**
     * Training FLOPs (forward + backward) per sequence step at context length S, the PaLM / nanoGPT estimate:
     * {@code 6·P_nonemb + 6·L·S·D}. The attention term counts half of the S×S work (causal), as the yardstick does;
     * embedding lookups count nothing. For a depth model a step's FLOPs also hold its K depth positions
     * ({@link LmFamily.Depth}), so this is per temporal step (per frame for parallel), both parts together.
     */
    public double flopsPerStep(int sequenceSteps) {
        LmFamily.Depth d = depth();
        if (d == null) {
            return 6.0 * nonEmbeddingParameterCount() + 6.0 * layers * sequenceSteps * dim;
        }
        return 6.0 * temporalParameterCount()
                + 6.0 * layers * sequenceSteps * dim
                + d.flopsPerStep(codebooks, codebookSize, dim);
    }

    /** Training FLOPs of one optimizer step on a batch of B sequences of S steps: {@code B·S·flopsPerStep(S)}. */
    public double trainingFlops(int batch, int sequenceSteps) {
        return (double) batch * sequenceSteps * flopsPerStep(sequenceSteps);
    }

    /**
     * Forward-only FLOPs of one cached sampling step for one sequence at context length S: a third of training. For
     * a depth model, one temporal step and its K depth steps (that is, one generated frame for parallel).
     */
    public double forwardFlopsPerStep(int contextSteps) {
        return flopsPerStep(contextSteps) / 3.0;
    }
}
