package dev.rvqlm.lm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rvqlm.patterns.PatternSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A MusicGen-style multi-stream causal transformer (AudioCraft's {@code LMModel}) on DJL's PyTorch engine:
 *
 * <pre>
 *   x_s      = Σ_k Emb_k(seq[b,k,s]) + sin_pos(s)           K tables of N+1 rows (row N: special token)
 *   L times:   x += Attn(LN1(x));  x += W2·GELU(W1·LN2(x))    pre-norm, causal, fused QKV, bias-free linears
 *   logits   = Head_k(LN(x_s))                               K heads D→N, as [B, S, K·N]
 * </pre>
 *
 * Usage:
 *
 * <pre>{@code
 * try (LmModel model = LmModel.create(new LmConfig(4, 1024, 256, 6, 8, 4, 0.0, 1024), 7L)) {
 *     float[] logits = model.logits(sequence);      // sequence [B][K][S] values in [0, N]; logits [B][S][K][N]
 *     model.save(Path.of("model.rvqlm"));
 * }
 * try (LmModel back = LmModel.load(Path.of("model.rvqlm"))) { ... }
 * }</pre>
 *
 * <p>With {@link LmFamily.Depth} in the config the K heads are replaced by a {@link DepthTransformer} over the K
 * cells of each step (Moshi / UniAudio / RQ-Transformer): training and held-out NLL go through {@link #nllSums} with
 * teacher forcing, sampling through {@link Sampler} ({@link DepthSampling}); {@link #logits} does not apply.
 *
 * <p>The parts are reusable by another model family: its parameters come from one {@link ParameterTable}, the
 * blocks are a {@link TransformerStack} (written in DJL's Block style rather than as DJL {@code AbstractBlock}s:
 * DJL's stock {@code TransformerEncoderBlock} is a post-norm BERT encoder without a causal mask or a cache), the
 * embeddings a {@link CodebookEmbedding}, the loss a {@link CodebookLoss}, cached decoding a {@link CachedDecoder}.
 *
 * <p>Letters: B batch, K codebooks, N codebook size, V = N + 1, S sequence steps, D width, H heads, L layers.
 */
public final class LmModel implements AutoCloseable {

    /** Logits and attention scores above this size are computed in batch chunks (glibc maps larger blocks afresh). */
    static final long DEFAULT_CHUNK_BYTES = 16L << 20;

    private static final String BLOCKS = "layers.";

    private final LmConfig config;
    private final NDManager manager;
    private final Parameters params;
    private final CodebookEmbedding embedding;
    private final TransformerStack stack;
    private final NDArray normWeight; // [D]
    private final NDArray normBias; // [D]
    private final NDArray heads; // [K·N, D]; null for a depth model
    private final DepthTransformer depth; // null for an interleaved model
    private final NDArray positions; // [maxS, D], constant
    private final CodebookLoss loss;
    private PatternSpec patternSpec;
    private String tokenizerId = "";
    private int trainedSteps;

    private LmModel(LmConfig config, List<float[]> values, long chunkBytes) {
        this.config = config;
        this.manager = Engine.getEngine("PyTorch").newBaseManager();
        try {
            params = new Parameters(parameterTable(config), values, manager);
        } catch (IllegalArgumentException e) {
            manager.close();
            throw e;
        }
        embedding = new CodebookEmbedding(config.codebooks(), config.codebookSize(), params.get("emb"));
        stack = new TransformerStack(config.blocks(), BLOCKS, params, manager, chunkBytes);
        normWeight = params.get("ln_f.weight");
        normBias = params.get("ln_f.bias");
        depth = config.depth() == null ? null : new DepthTransformer(config, params, manager, chunkBytes);
        heads = depth == null ? params.get("heads") : null;
        int d = config.dim();
        positions = manager.create(sinusoids(config.maxSequenceSteps(), d), new Shape(config.maxSequenceSteps(), d));
        loss = new CodebookLoss(config.codebooks(), config.codebookSize(), chunkBytes);
    }

    /**
     * The model's parameters in storage order, each with its shape and nanoGPT's initialisation: N(0, 0.02) for
     * embeddings, linears and heads, N(0, 0.02/√(2L)) for the residual projections, LayerNorms at weight 1, bias 0.
     */
    static ParameterTable parameterTable(LmConfig config) {
        ParameterTable.Builder t = new ParameterTable.Builder();
        CodebookEmbedding.describe(t, "emb", config.codebooks(), config.codebookSize(), config.dim());
        TransformerStack.describe(t, config.blocks(), BLOCKS);
        t.add("ln_f.weight", ParameterTable.Init.constant(1), config.dim())
                .add("ln_f.bias", ParameterTable.Init.constant(0), config.dim());
        if (config.depth() != null) {
            DepthTransformer.describe(t, config);
        } else {
            t.add(
                    "heads",
                    ParameterTable.Init.normal(0.02),
                    (long) config.codebooks() * config.codebookSize(),
                    config.dim());
        }
        return t.build();
    }

    /** A new model with nanoGPT's initialisation ({@link #parameterTable}), drawn from {@code seed}. */
    public static LmModel create(LmConfig config, long seed) {
        return create(config, seed, DEFAULT_CHUNK_BYTES);
    }

    /** As {@link #create(LmConfig, long)}, with batch chunks of at most {@code chunkBytes} (tests use 1). */
    static LmModel create(LmConfig config, long seed, long chunkBytes) {
        return new LmModel(config, parameterTable(config).initialValues(seed), chunkBytes);
    }

    /** Rebuilds a model from parameter values in {@link #parameterTable} order (used by {@link Checkpoint}). */
    static LmModel fromValues(LmConfig config, List<float[]> values) {
        return new LmModel(config, values, DEFAULT_CHUNK_BYTES);
    }

    /** AudioCraft's {@code create_sin_embedding}: [cos | sin] of s / 10000^(i / (D/2 − 1)), as [S·D] floats. */
    static float[] sinusoids(int steps, int dim) {
        int half = dim / 2;
        float[] out = new float[steps * dim];
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < half; i++) {
                double phase = s / Math.pow(10000.0, half == 1 ? 0 : (double) i / (half - 1));
                out[s * dim + i] = (float) Math.cos(phase);
                out[s * dim + half + i] = (float) Math.sin(phase);
            }
        }
        return out;
    }

    public static LmModel load(Path path) throws IOException {
        return Checkpoint.read(path).model();
    }

    /** Writes the weights, config, pattern spec and tokenizer identity (no optimizer state), atomically. */
    public void save(Path path) throws IOException {
        Checkpoint.write(path, this, null);
    }

    public LmConfig config() {
        return config;
    }

    /** The pattern the model was trained with (set by the trainer, stored in checkpoints); may be null. */
    public PatternSpec patternSpec() {
        return patternSpec;
    }

    public void setPatternSpec(PatternSpec spec) {
        this.patternSpec = spec;
    }

    /**
     * The longest sequence (pattern steps) the model has been trained on, 0 when unknown (set by the trainer, stored
     * in checkpoints).
     */
    public int trainedSteps() {
        return trainedSteps;
    }

    public void setTrainedSteps(int steps) {
        if (steps < 0 || steps > config.maxSequenceSteps()) {
            throw new IllegalArgumentException(
                    "trained steps must be in [0, maxSequenceSteps=" + config.maxSequenceSteps() + "], got " + steps);
        }
        this.trainedSteps = steps;
    }

    /**
     * The context the sampler's window may fill: the trained sequence length, so that positions stay within what
     * the model was trained on (maxSequenceSteps when that is unknown).
     */
    public int contextSteps() {
        return trainedSteps > 0 ? trainedSteps : config.maxSequenceSteps();
    }

    /** The identity of the tokenizer whose codes the model was trained on ("" when unknown). */
    public String tokenizerId() {
        return tokenizerId;
    }

    public void setTokenizerId(String id) {
        this.tokenizerId = id == null ? "" : id;
    }

    /** The parameters in storage order. */
    List<Parameters.Param> params() {
        return params.list();
    }

    /** The manager that owns the parameters; per-step managers are its children. */
    NDManager manager() {
        return manager;
    }

    // ------------------------------------------------------------------------------------------------ forward

    /** Embedding-row indices [B, K, S] of a [B][K][S] sequence (see {@link CodebookEmbedding#indices}). */
    NDArray indices(NDManager m, int[][][] sequence) {
        return embedding.indices(m, sequence);
    }

    /**
     * The final hidden states after the last LayerNorm, [B, S, D], for embedding-row indices [B, K, S] at positions
     * {@code position…position+S-1}, writing keys and values into {@code cache} when it is given.
     */
    NDArray hidden(NDArray indices, int position, KvCache cache, boolean training) {
        int s = (int) indices.getShape().get(2);
        int context = position + s;
        if (context > config.maxSequenceSteps()) {
            throw new IllegalArgumentException("the sequence reaches step " + context
                    + " but the model takes at most maxSequenceSteps=" + config.maxSequenceSteps());
        }
        NDArray x = embedding.sum(indices); // [B,S,D]
        NDArray pos = positions.get(new NDIndex().addSliceDim(position, context));
        pos.attach(indices.getManager()); // a view of a long-lived array, freed with the step
        x = x.add(pos); // + sin_pos
        return TransformerStack.layerNorm(stack.forward(x, position, cache, training), normWeight, normBias);
    }

    /**
     * The final hidden state [B, D] of one step (row indices [B, K, 1]) at {@code position}, through the cached
     * fast path ({@link TransformerStack#decodeStep}).
     */
    NDArray hiddenOne(NDArray indices, int position, KvCache cache) {
        if (position + 1 > config.maxSequenceSteps()) {
            throw new IllegalArgumentException("the sequence reaches step " + (position + 1)
                    + " but the model takes at most maxSequenceSteps=" + config.maxSequenceSteps());
        }
        NDArray x = embedding.embed(indices).sum(new int[] {1, 2}); // [B,D]
        NDArray pos = positions.get(new NDIndex().addSliceDim(position, position + 1)); // [1,D]
        pos.attach(indices.getManager());
        x = x.add(pos);
        return TransformerStack.layerNorm(stack.decodeStep(x, position, cache), normWeight, normBias);
    }

    /**
     * Logits [B, S, K·N] of hidden states [B, S, D].
     *
     * @throws IllegalStateException for a depth model, whose logits of code k depend on the codes before it
     */
    NDArray heads(NDArray hidden) {
        if (depth != null) {
            throw new IllegalStateException("a depth model predicts a step's codes one after another, not all at "
                    + "once: sample with Sampler and score with LmEvaluator");
        }
        return ai.djl.nn.core.Linear.linear(hidden, heads).singletonOrThrow();
    }

    /** The depth transformer of a depth model, null for an interleaved one. */
    DepthTransformer depth() {
        return depth;
    }

    /** A key/value cache for the main transformer (used by the depth sampler; {@link #decoder} for the rest). */
    KvCache cache(NDManager owner, int batch, int capacity) {
        return new KvCache(owner, stack, batch, capacity);
    }

    /**
     * Per-codebook NLL sums [K] of hidden [B,S,D] (see {@link CodebookLoss#nllSums}); a depth model feeds the
     * targets to its depth transformer (teacher forcing).
     */
    NDArray nllSums(NDArray hidden, NDArray targets, NDArray weights) {
        if (depth != null) {
            return depth.nllSums(hidden, targets, weights);
        }
        UnaryOperator<NDArray> h = this::heads;
        return loss.nllSums(hidden, h, targets, weights);
    }

    // ------------------------------------------------------------------------------------------ plain-Java API

    /**
     * Logits of every step of a [B][K][S] sequence (values in [0, N]): a flat [B][S][K][N] array; the logits at
     * step s score the cells of step s + 1.
     */
    public float[] logits(int[][][] sequence) {
        try (NDManager step = manager.newSubManager()) {
            NDArray idx = indices(step, sequence);
            return heads(hidden(idx, 0, null, false)).toFloatArray();
        }
    }

    /**
     * Logits of every cell of steps 1..S−1 of a [B][K][S] sequence (values in [0, N]) given everything before it: a
     * flat [B][S−1][K][N] array. For an interleaved model these are {@link #logits} of steps 0..S−2; a depth model's
     * logits of cell k also see cells 0..k−1 of their own step (teacher forcing), as in training.
     */
    public float[] teacherForcedLogits(int[][][] sequence) {
        try (NDManager step = manager.newSubManager()) {
            NDArray idx = indices(step, sequence); // [B,K,S] embedding rows
            long s = idx.getShape().get(2);
            if (s < 2) {
                throw new IllegalArgumentException("teacher-forced logits need at least 2 steps, got " + s);
            }
            NDArray hidden = hidden(idx.get(new NDIndex().addAllDim(2).addSliceDim(0, s - 1)), 0, null, false);
            if (depth == null) {
                return heads(hidden).toFloatArray();
            }
            int k = config.codebooks();
            int[] cells = new int[sequence.length * (int) (s - 1) * k]; // [B,S−1,K]: the cells of steps 1..S−1
            for (int b = 0; b < sequence.length; b++) {
                for (int t = 1; t < s; t++) {
                    for (int q = 0; q < k; q++) {
                        cells[(b * (int) (s - 1) + t - 1) * k + q] = sequence[b][q][t];
                    }
                }
            }
            NDArray next =
                    step.create(cells, new Shape(sequence.length, s - 1, k)).toType(DataType.INT64, false);
            return depth.teacherForcedLogits(hidden, next).toFloatArray();
        }
    }

    /** The names of a config's parameters in storage order (those of {@link #tensors()}). */
    public static List<String> parameterNames(LmConfig config) {
        return parameterTable(config).entries().stream()
                .map(ParameterTable.Entry::name)
                .toList();
    }

    /** A named parameter tensor: its name in {@link #parameterTable} order, shape and float32 values (C order). */
    public record NamedTensor(String name, long[] shape, float[] values) {}

    /** The parameters in storage order, as plain arrays (a state dict, for exports). */
    public List<NamedTensor> tensors() {
        return params.list().stream()
                .map(p -> new NamedTensor(
                        p.name(), p.array().getShape().getShape(), p.array().toFloatArray()))
                .toList();
    }

    /**
     * A model of {@code config} with the given parameter values by name (the names and sizes of {@link #tensors()}).
     *
     * @throws IllegalArgumentException naming the first tensor that is missing, extra or of another size
     */
    public static LmModel fromTensors(LmConfig config, Map<String, float[]> values) {
        List<ParameterTable.Entry> entries = parameterTable(config).entries();
        List<float[]> ordered = new ArrayList<>();
        for (ParameterTable.Entry e : entries) {
            float[] v = values.get(e.name());
            if (v == null || v.length != e.size()) {
                throw new IllegalArgumentException("tensor " + e.name() + " is "
                        + (v == null ? "missing" : "of " + v.length + " values") + "; the config implies shape "
                        + Arrays.toString(e.shape()));
            }
            ordered.add(v);
        }
        if (values.size() != entries.size()) {
            Set<String> known = new HashSet<>();
            entries.forEach(e -> known.add(e.name()));
            String extra = values.keySet().stream()
                    .filter(n -> !known.contains(n))
                    .findFirst()
                    .orElse("?");
            throw new IllegalArgumentException("tensor " + extra + " is not a parameter of this config");
        }
        return fromValues(config, ordered);
    }

    /**
     * Logits [B][K][N] (flat) for the step after a [B][K][S] prefix, recomputing the whole prefix: the naive
     * reference the cache is tested and benchmarked against, so it runs the full model, all K heads on every
     * position, as the PyTorch yardstick's naive sampler does.
     */
    float[] lastLogits(int[][][] prefix) {
        try (NDManager step = manager.newSubManager()) {
            NDArray logits = heads(hidden(indices(step, prefix), 0, null, false)); // [B,S,K·N]
            long s = logits.getShape().get(1);
            return logits.get(new NDIndex().addAllDim().addSliceDim(s - 1, s)).toFloatArray();
        }
    }

    /** Opens a key/value-cached decoder for a batch of B sequences of at most {@code maxSteps} steps. */
    public CachedDecoder decoder(int batch, int maxSteps) {
        return new CachedDecoder(this, stack, batch, maxSteps);
    }

    /** Σ over parameters of their element counts (equals {@link LmConfig#parameterCount()}). */
    public long parameterCount() {
        return params.list().stream().mapToLong(p -> p.array().size()).sum();
    }

    @Override
    public void close() {
        manager.close();
    }
}
