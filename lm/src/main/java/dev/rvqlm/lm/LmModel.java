package dev.rvqlm.lm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import dev.rvqlm.patterns.PatternSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

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
 * <p>The blocks are written here in DJL's Block style (named parameters, one forward per part with shape comments)
 * rather than as DJL {@code AbstractBlock}s: DJL's stock {@code TransformerEncoderBlock} is a post-norm BERT
 * encoder without a causal mask or a cache. Every array a forward creates belongs to the manager of its input;
 * views of long-lived arrays are attached to that manager, so a step's child manager frees all of them.
 *
 * <p>Letters: B batch, K codebooks, N codebook size, V = N + 1, S sequence steps, D width, H heads, L layers.
 */
public final class LmModel implements AutoCloseable {

    /** Tensors above this size are processed in batch chunks (glibc maps larger blocks afresh each time). */
    static volatile long chunkBytes = 16L << 20; // tests lower it to exercise the chunked paths
    private static final float LN_EPS = 1e-5f;
    private static final NDIndex ALL_0 = new NDIndex().addAllDim().addIndices(0);
    private static final NDIndex ALL_1 = new NDIndex().addAllDim().addIndices(1);
    private static final NDIndex ALL_2 = new NDIndex().addAllDim().addIndices(2);

    /** One named parameter; {@code matrix} is true for rank ≥ 2 tensors (weight-decayed under MATRICES). */
    record Param(String name, NDArray array, boolean matrix) {}

    /** The parameters of one decoder block, named as in nanoGPT. */
    private record Block(NDArray ln1Weight, NDArray ln1Bias, NDArray qkv, NDArray out, NDArray ln2Weight,
            NDArray ln2Bias, NDArray ff1, NDArray ff2) {}

    private final LmConfig config;
    private final NDManager manager;
    private final List<Param> params = new ArrayList<>();
    private final NDArray embedding; // [K·V, D]
    private final List<Block> blocks = new ArrayList<>();
    private final NDArray normWeight; // [D]
    private final NDArray normBias; // [D]
    private final NDArray heads; // [K·N, D]
    private final NDArray positions; // [maxS, D], constant
    private final NDArray scale; // scalar 1/sqrt(D/H), long-lived (see DEPENDENCIES: no Number in autograd)
    private PatternSpec patternSpec;
    private String tokenizerId = "";

    private LmModel(LmConfig config, NDManager manager, List<float[]> values) {
        this.config = config;
        this.manager = manager;
        int d = config.dim();
        int f = config.ffnMultiplier() * d;
        int[] next = {0};
        embedding = param("emb", values, next, config.codebooks() * config.vocabulary(), d);
        for (int l = 0; l < config.layers(); l++) {
            String p = "layers." + l + ".";
            blocks.add(new Block(param(p + "ln1.weight", values, next, d), param(p + "ln1.bias", values, next, d),
                    param(p + "attn.qkv", values, next, 3 * d, d), param(p + "attn.out", values, next, d, d),
                    param(p + "ln2.weight", values, next, d), param(p + "ln2.bias", values, next, d),
                    param(p + "ffn.w1", values, next, f, d), param(p + "ffn.w2", values, next, d, f)));
        }
        normWeight = param("ln_f.weight", values, next, d);
        normBias = param("ln_f.bias", values, next, d);
        heads = param("heads", values, next, config.codebooks() * config.codebookSize(), d);
        if (next[0] != values.size()) {
            throw new IllegalArgumentException("expected " + next[0] + " parameter tensors, got " + values.size());
        }
        positions = manager.create(sinusoids(config.maxSequenceSteps(), d), new Shape(config.maxSequenceSteps(), d));
        scale = manager.create((float) (1.0 / Math.sqrt(config.headDim())));
    }

    private NDArray param(String name, List<float[]> values, int[] next, long... shape) {
        Shape s = new Shape(shape);
        float[] data = values.get(next[0]++);
        if (data.length != s.size()) {
            throw new IllegalArgumentException("parameter " + name + " has " + data.length + " values, expected "
                    + s + " = " + s.size());
        }
        NDArray array = manager.create(data, s);
        array.setName(name);
        array.setRequiresGradient(true);
        params.add(new Param(name, array, shape.length >= 2));
        return array;
    }

    /**
     * A new model with nanoGPT's initialisation: N(0, 0.02) for embeddings and linears, N(0, 0.02/√(2L)) for the
     * residual projections (attention output, FFN second layer), LayerNorms at weight 1, bias 0.
     */
    public static LmModel create(LmConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> values = new ArrayList<>();
        List<String> names = parameterNames(config);
        List<long[]> shapes = parameterShapes(config);
        double residualStd = 0.02 / Math.sqrt(2.0 * config.layers());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            long[] shape = shapes.get(i);
            int size = (int) new Shape(shape).size();
            float[] v = new float[size];
            if (name.endsWith("ln1.weight") || name.endsWith("ln2.weight") || name.equals("ln_f.weight")) {
                java.util.Arrays.fill(v, 1f);
            } else if (!name.endsWith(".bias")) {
                double std = name.endsWith("attn.out") || name.endsWith("ffn.w2") ? residualStd : 0.02;
                for (int j = 0; j < size; j++) {
                    v[j] = (float) (random.nextGaussian() * std);
                }
            }
            values.add(v);
        }
        return new LmModel(config, newManager(), values);
    }

    /** Rebuilds a model from parameter values in {@link #parameterNames} order (used by {@link Checkpoint}). */
    static LmModel fromValues(LmConfig config, List<float[]> values) {
        return new LmModel(config, newManager(), values);
    }

    private static NDManager newManager() {
        return Engine.getEngine("PyTorch").newBaseManager();
    }

    /** Parameter names in storage order. */
    static List<String> parameterNames(LmConfig config) {
        List<String> names = new ArrayList<>();
        names.add("emb");
        for (int l = 0; l < config.layers(); l++) {
            String p = "layers." + l + ".";
            for (String n : new String[] {"ln1.weight", "ln1.bias", "attn.qkv", "attn.out", "ln2.weight",
                "ln2.bias", "ffn.w1", "ffn.w2"}) {
                names.add(p + n);
            }
        }
        names.add("ln_f.weight");
        names.add("ln_f.bias");
        names.add("heads");
        return names;
    }

    /** Parameter shapes in storage order. */
    static List<long[]> parameterShapes(LmConfig config) {
        long d = config.dim();
        long f = (long) config.ffnMultiplier() * d;
        List<long[]> shapes = new ArrayList<>();
        shapes.add(new long[] {(long) config.codebooks() * config.vocabulary(), d});
        for (int l = 0; l < config.layers(); l++) {
            shapes.add(new long[] {d});
            shapes.add(new long[] {d});
            shapes.add(new long[] {3 * d, d});
            shapes.add(new long[] {d, d});
            shapes.add(new long[] {d});
            shapes.add(new long[] {d});
            shapes.add(new long[] {f, d});
            shapes.add(new long[] {d, f});
        }
        shapes.add(new long[] {d});
        shapes.add(new long[] {d});
        shapes.add(new long[] {(long) config.codebooks() * config.codebookSize(), d});
        return shapes;
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

    /** The identity of the tokenizer whose codes the model was trained on ("" when unknown). */
    public String tokenizerId() {
        return tokenizerId;
    }

    public void setTokenizerId(String id) {
        this.tokenizerId = id == null ? "" : id;
    }

    /** The parameters in storage order. */
    List<Param> params() {
        return Collections.unmodifiableList(params);
    }

    /** The manager that owns the parameters; per-step managers are its children. */
    NDManager manager() {
        return manager;
    }

    // ------------------------------------------------------------------------------------------------ forward

    /**
     * Turns a [B][K][S] sequence (values in [0, N], N the special token) into embedding-row indices [B, K, S]
     * (value + k·V) in {@code m}.
     *
     * @throws IllegalArgumentException if K differs from the model's, S exceeds the maximum or a value is out of range
     */
    NDArray indices(NDManager m, int[][][] sequence) {
        int b = sequence.length;
        int k = config.codebooks();
        int s = b == 0 ? 0 : sequence[0].length == 0 ? 0 : sequence[0][0].length;
        int[] flat = new int[b * k * s];
        int v = config.vocabulary();
        for (int i = 0; i < b; i++) {
            if (sequence[i].length != k) {
                throw new IllegalArgumentException("sequence has K=" + sequence[i].length
                        + " codebooks but the model has K=" + k);
            }
            for (int q = 0; q < k; q++) {
                if (sequence[i][q].length != s) {
                    throw new IllegalArgumentException("sequence rows differ in length: " + s + " and "
                            + sequence[i][q].length);
                }
                for (int j = 0; j < s; j++) {
                    int code = sequence[i][q][j];
                    if (code < 0 || code > config.codebookSize()) {
                        throw new IllegalArgumentException("code " + code + " at codebook " + q + ", step " + j
                                + " is outside [0, N=" + config.codebookSize() + "] (N is the special token)");
                    }
                    flat[(i * k + q) * s + j] = code + q * v;
                }
            }
        }
        return m.create(flat, new Shape(b, k, s));
    }

    /**
     * The final hidden states after the last LayerNorm, [B, S, D], for embedding-row indices [B, K, S] at positions
     * {@code position…position+S-1}, writing keys and values into {@code cache} when it is given.
     */
    NDArray hidden(NDArray indices, int position, KvCache cache, boolean training) {
        NDManager m = indices.getManager();
        long b = indices.getShape().get(0);
        int s = (int) indices.getShape().get(2);
        int context = position + s;
        if (context > config.maxSequenceSteps()) {
            throw new IllegalArgumentException("the sequence reaches step " + context
                    + " but the model takes at most maxSequenceSteps=" + config.maxSequenceSteps());
        }
        NDArray x = Embedding.embedding(indices, embedding, SparseFormat.DENSE).singletonOrThrow() // [B,K,S,D]
                .sum(new int[] {1}); // [B,S,D]
        x = x.add(view(positions, m, new NDIndex().addSliceDim(position, context))); // + sin_pos
        NDArray mask = s > 1 ? causalMask(m, s, position) : null; // [S, position+S] additive
        for (int l = 0; l < blocks.size(); l++) {
            x = block(x, blocks.get(l), mask, cache, l, position, training);
        }
        return layerNorm(x, normWeight, normBias); // [B,S,D]
    }

    /** Logits [B, S, K·N] of hidden states [B, S, D]. */
    NDArray heads(NDArray hidden) {
        return Linear.linear(hidden, heads).singletonOrThrow();
    }

    /**
     * Sums of −log p(target) over weighted cells, per codebook, [K]: hidden [B,S,D], targets [B,S,K,1] (int64),
     * weights [B,S,K,1] (0 or 1). Heads and log-softmax run in batch chunks so that no logits tensor is large.
     */
    NDArray nllSums(NDArray hidden, NDArray targets, NDArray weights) {
        long b = hidden.getShape().get(0);
        long s = hidden.getShape().get(1);
        int k = config.codebooks();
        int n = config.codebookSize();
        long rows = chunkRows(b, s * k * n * 4L);
        NDArray total = null;
        for (long start = 0; start < b; start += rows) {
            long end = Math.min(b, start + rows);
            NDIndex range = new NDIndex().addSliceDim(start, end);
            NDArray logp = heads(rows == b ? hidden : hidden.get(range)).reshape(end - start, s, k, n)
                    .logSoftmax(3); // [b,S,K,N]
            NDArray t = rows == b ? targets : targets.get(range);
            NDArray w = rows == b ? weights : weights.get(range);
            NDArray picked = logp.gather(t, 3).mul(w).sum(new int[] {0, 1, 3}); // [K]
            total = total == null ? picked : total.add(picked);
        }
        return total.neg();
    }

    private NDArray block(NDArray x, Block p, NDArray mask, KvCache cache, int layer, int position,
            boolean training) {
        NDArray a = attention(layerNorm(x, p.ln1Weight(), p.ln1Bias()), p, mask, cache, layer, position);
        x = x.add(dropout(a, training)); // [B,S,D]
        NDArray h = Linear.linear(layerNorm(x, p.ln2Weight(), p.ln2Bias()), p.ff1()).singletonOrThrow(); // [B,S,mD]
        NDArray f = Linear.linear(Activation.gelu(h), p.ff2()).singletonOrThrow(); // [B,S,D]
        return x.add(dropout(f, training));
    }

    private NDArray attention(NDArray h, Block p, NDArray mask, KvCache cache, int layer, int position) {
        long b = h.getShape().get(0);
        long s = h.getShape().get(1);
        if (cache != null && s == 1) {
            return decodeOne(h, p, cache, layer, position);
        }
        int heads = config.heads();
        int dh = config.headDim();
        NDArray qkv = Linear.linear(h, p.qkv()).singletonOrThrow() // [B,S,3D]
                .reshape(b, s, 3, heads, dh).transpose(0, 2, 3, 1, 4); // [B,3,H,S,dh]
        NDArray q = qkv.get(ALL_0).mul(scale); // [B,H,S,dh], pre-scaled by 1/√dh
        NDArray k;
        NDArray v;
        if (cache == null) {
            k = qkv.get(ALL_1);
            v = qkv.get(ALL_2);
        } else { // write this chunk at [position, position+S), read the prefix [0, position+S)
            NDArray[] prefix = cache.append(layer, qkv.get(ALL_1), qkv.get(ALL_2), position, h.getManager());
            k = prefix[0];
            v = prefix[1];
        }
        long t = k.getShape().get(2);
        long rows = chunkRows(b, heads * s * t * 4L);
        NDArray y;
        if (rows >= b) {
            y = attend(q, k, v, mask);
        } else {
            NDList chunks = new NDList();
            for (long start = 0; start < b; start += rows) {
                NDIndex range = new NDIndex().addSliceDim(start, Math.min(b, start + rows));
                chunks.add(attend(q.get(range), k.get(range), v.get(range), mask));
            }
            y = NDArrays.concat(chunks, 0);
        }
        NDArray merged = y.transpose(0, 2, 1, 3).reshape(b, s, (long) heads * dh); // [B,S,D]
        return Linear.linear(merged, p.out()).singletonOrThrow();
    }

    /**
     * The decoding fast path for one new step (fewest engine calls: each costs microseconds at batch 1): the query
     * rows of the QKV weight come pre-scaled from the cache, and with S = 1 the [B,1,3,H,dh] projection already has
     * the [B,3,H,1,dh] layout, and [B,H,1,dh] the [B,1,D] one, so no transposes are needed.
     */
    private NDArray decodeOne(NDArray h, Block p, KvCache cache, int layer, int position) {
        long b = h.getShape().get(0);
        int heads = config.heads();
        int dh = config.headDim();
        NDArray qkv = Linear.linear(h, cache.scaledQkv(layer)).singletonOrThrow().reshape(b, 3, heads, 1, dh);
        NDArray q = qkv.get(ALL_0); // [B,H,1,dh], already scaled by 1/√dh
        NDArray[] prefix = cache.append(layer, qkv.get(ALL_1), qkv.get(ALL_2), position, h.getManager()); // [B,H,T,dh]
        NDArray y = q.matMul(prefix[0].transpose(0, 1, 3, 2)).softmax(3).matMul(prefix[1]); // [B,H,1,dh]
        return Linear.linear(y.reshape(b, 1, (long) heads * dh), p.out()).singletonOrThrow();
    }

    /** The query rows of a block's QKV weight scaled by 1/√dh, for {@link KvCache} (no autograd). */
    NDArray scaledQkv(int layer, NDManager owner) {
        NDArray w = blocks.get(layer).qkv();
        NDArray scaled = w.duplicate();
        scaled.attach(owner);
        NDIndex queryRows = new NDIndex().addSliceDim(0, config.dim());
        NDArray rows = w.get(queryRows);
        rows.attach(owner);
        scaled.set(queryRows, rows.mul(scale));
        return scaled;
    }

    /** softmax(q·kᵀ + mask)·v: q [b,H,S,dh] (pre-scaled), k and v [b,H,T,dh] → [b,H,S,dh]. */
    private static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask) {
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)); // [b,H,S,T]
        if (mask != null) {
            scores = scores.add(mask);
        }
        return scores.softmax(3).matMul(v);
    }

    private static long chunkRows(long batch, long bytesPerRow) {
        return Math.max(1, Math.min(batch, chunkBytes / Math.max(1, bytesPerRow)));
    }

    private NDArray dropout(NDArray x, boolean training) {
        if (!training || config.dropout() == 0) {
            return x;
        }
        return Dropout.dropout(x, (float) config.dropout(), true).singletonOrThrow();
    }

    private static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
        return LayerNorm.layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, LN_EPS).singletonOrThrow();
    }

    /** A view of a long-lived array, owned by the step's manager so that closing the step frees the handle. */
    private static NDArray view(NDArray source, NDManager owner, NDIndex index) {
        NDArray view = source.get(index);
        view.attach(owner);
        return view;
    }

    /** Additive causal mask for S queries at positions p…p+S−1 over keys 0…p+S−1: 0 allowed, −∞ in the future. */
    private static NDArray causalMask(NDManager m, int s, int position) {
        int t = position + s;
        float[] mask = new float[s * t];
        for (int i = 0; i < s; i++) {
            for (int j = position + i + 1; j < t; j++) {
                mask[i * t + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return m.create(mask, new Shape(s, t));
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
    public Decoder decoder(int batch, int maxSteps) {
        return new Decoder(this, batch, maxSteps);
    }

    /** Σ over parameters of their element counts (equals {@link LmConfig#parameterCount()}). */
    public long parameterCount() {
        return params.stream().mapToLong(p -> p.array().size()).sum();
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * Incremental decoding with a preallocated key/value cache ([B, H, maxSteps, D/H] per layer for keys and for
     * values): each {@link #step} feeds the next steps of every sequence and returns the last one's logits.
     *
     * <pre>{@code
     * try (LmModel.Decoder decoder = model.decoder(2, 100)) {
     *     float[] next = decoder.step(prefix);   // prefix [B][K][P]; next: [B][K][N] logits for step P
     *     next = decoder.step(oneStep);          // [B][K][1]
     * }
     * }</pre>
     */
    public static final class Decoder implements AutoCloseable {
        private final LmModel model;
        private final NDManager manager;
        private final KvCache cache;
        private final int batch;
        private int position;

        private Decoder(LmModel model, int batch, int maxSteps) {
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be at least 1, got " + batch);
            }
            if (maxSteps < 1 || maxSteps > model.config.maxSequenceSteps()) {
                throw new IllegalArgumentException("the decoder needs " + maxSteps
                        + " steps but the model takes at most maxSequenceSteps=" + model.config.maxSequenceSteps());
            }
            this.model = model;
            this.batch = batch;
            this.manager = model.manager.newSubManager();
            this.cache = new KvCache(manager, model, batch, maxSteps);
        }

        /** Steps fed so far. */
        public int position() {
            return position;
        }

        /**
         * Feeds steps [B][K][n] (values in [0, N]) and returns the logits for the step after them, [B][K][N] flat.
         *
         * @throws IllegalArgumentException when B or K differs, or the cache would overflow
         */
        public float[] step(int[][][] steps) {
            if (steps.length != batch) {
                throw new IllegalArgumentException("the decoder was opened for B=" + batch + ", got " + steps.length);
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray idx = model.indices(step, steps);
                int n = (int) idx.getShape().get(2);
                if (n == 0) {
                    throw new IllegalArgumentException("feed at least one step");
                }
                if (position + n > cache.capacity()) {
                    throw new IllegalArgumentException("the decoder holds " + cache.capacity()
                            + " steps; feeding " + n + " more at step " + position + " overflows it");
                }
                NDArray h = model.hidden(idx, position, cache, false); // [B,n,D]
                if (n > 1) {
                    h = h.get(new NDIndex().addAllDim().addSliceDim(n - 1, n));
                }
                float[] logits = model.heads(h).toFloatArray(); // [B,1,K·N]
                position += n;
                return logits;
            }
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
