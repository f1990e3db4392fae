package dev.rvqlm.lm;

import dev.rvqlm.patterns.GatherIndex;
import dev.rvqlm.patterns.Pattern;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.patterns.StepSelection;
import dev.rvqlm.tokens.CodeGrids;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Autoregressive generation as AudioCraft's {@code LMModel.generate}: a K×T grid of unknown cells with the prompt
 * written in is built into the pattern's full sequence; generation starts at the first step holding the prompt's
 * end and fills one step at a time (with a key/value cache, the prefix is run once); cells the pattern marks
 * invalid hold the special token, prompt cells are never overwritten, and the sequence is reverted to K×T at the
 * end. Works for every pattern, flattening included (several steps per timestep).
 *
 * <pre>{@code
 * int[][][] codes = Sampler.generate(model, new int[4][K][0], 500, SampleConfig.topK(250), 42L); // 4 samples
 * int[][][] more = Sampler.generate(model, promptBxKxP, 500, new SampleConfig(0.8, 0, 0.9,
 *         SampleConfig.Decoding.CACHED), 42L);                                                    // continuations
 * }</pre>
 */
public final class Sampler {

    /** A cell still to be sampled. */
    static final int UNKNOWN = -1;

    private Sampler() {}

    /** Generates B sequences of T timesteps from scratch. */
    public static int[][][] generate(LmModel model, int batch, int timesteps, SampleConfig config, long seed) {
        return generate(model, new int[batch][model.config().codebooks()][0], timesteps, config, seed);
    }

    /**
     * Generates B sequences of T timesteps, continuing {@code prompt} ([B][K][P], P may be 0), with the model's
     * pattern, for any T. Up to the model's context ({@link LmModel#contextSteps()}, the trained sequence length)
     * one pass fills the pattern's sequence; past it generation continues on a sliding window, as MusicGen's extend
     * stride does: each next window is prompted with the last {@link #KEEP_NUM}/{@link #KEEP_DEN} of the previous
     * one's frames, laid out by the pattern from its start (as every training crop is), its cache rebuilt over them,
     * so positions never pass what the model was trained on.
     *
     * @return [B][K][T] codes in [0, N), the first P timesteps equal to the prompt
     * @throws IllegalArgumentException when the prompt's K differs from the model's, P > T, a prompt code is out
     *     of range, or the context cannot hold the pattern's sequence for a single frame
     */
    public static int[][][] generate(LmModel model, int[][][] prompt, int timesteps, SampleConfig config, long seed) {
        return generate(model, prompt, timesteps, config, seed, framesDone -> {});
    }

    /**
     * As {@link #generate(LmModel, int[][][], int, SampleConfig, long)}, telling {@code progress} the frames done
     * (prompt included) after each window: once for a sample within one window, every few frames for long ones.
     */
    public static int[][][] generate(
            LmModel model, int[][][] prompt, int timesteps, SampleConfig config, long seed, IntConsumer progress) {
        try (Decoders decoders = new Decoders(model, config)) {
            return generate(decoders, prompt, timesteps, seed, progress);
        }
    }

    /** As the public generate, on the decoders given (the parity tests pass ones that compare the two engines). */
    static int[][][] generate(Decoders decoders, int[][][] prompt, int timesteps, long seed, IntConsumer progress) {
        LmModel model = decoders.model();
        PatternSpec spec = model.patternSpec();
        if (spec == null) {
            throw new IllegalArgumentException("the model has no pattern spec (it was never trained)");
        }
        int batch = prompt.length;
        int k = model.config().codebooks();
        int p = promptLength(model.config(), prompt, timesteps);
        SplittableRandom random = new SplittableRandom(seed);
        int window = windowFrames(spec, k, model.contextSteps());
        if (timesteps <= window) {
            int[][][] out = generateWindow(decoders, spec, prompt, p, timesteps, random);
            progress.accept(timesteps);
            return out;
        }
        int keep = window * KEEP_NUM / KEEP_DEN; // < window, so every window adds a frame
        int[][][] out = new int[batch][k][timesteps];
        for (int b = 0; b < batch; b++) {
            for (int q = 0; q < k; q++) {
                System.arraycopy(prompt[b][q], 0, out[b][q], 0, p);
            }
        }
        int have = p;
        while (have < timesteps) {
            int context = Math.min(have, keep);
            int length = Math.min(window, context + timesteps - have);
            int[][][] chunkPrompt = frames(out, have - context, have);
            int[][][] chunk = generateWindow(decoders, spec, chunkPrompt, context, length, random);
            for (int b = 0; b < batch; b++) {
                for (int q = 0; q < k; q++) {
                    System.arraycopy(chunk[b][q], context, out[b][q], have, length - context);
                }
            }
            have += length - context;
            progress.accept(have);
        }
        return out;
    }

    /**
     * The prompt's length P after checking B ≥ 1, T ≥ 1, the prompt's K and codes, equal lengths and P ≤ T.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    private static int promptLength(LmConfig c, int[][][] prompt, int timesteps) {
        if (prompt.length < 1) {
            throw new IllegalArgumentException("generate at least one sequence (B=" + prompt.length + ")");
        }
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps (T) must be at least 1, got " + timesteps);
        }
        int p = -1;
        for (int[][] one : prompt) {
            if (one.length != c.codebooks()) {
                throw new IllegalArgumentException(
                        "the prompt has K=" + one.length + " codebooks but the model has K=" + c.codebooks());
            }
            int length = CodeGrids.requireGrid(one, c.codebookSize(), "prompt");
            if (p >= 0 && length != p) {
                throw new IllegalArgumentException("prompts differ in length: " + p + " and " + length);
            }
            p = length;
        }
        if (p > timesteps) {
            throw new IllegalArgumentException("the prompt has P=" + p + " timesteps, more than T=" + timesteps);
        }
        return p;
    }

    /** Share of a window's frames kept as the next window's prompt (MusicGen keeps 12 s of 30; we keep half). */
    static final int KEEP_NUM = 1;

    static final int KEEP_DEN = 2;

    /**
     * The most frames whose full pattern sequence fits in {@code contextSteps} (sequence length grows with T).
     *
     * @throws IllegalArgumentException when not even one frame fits
     */
    static int windowFrames(PatternSpec spec, int codebooks, int contextSteps) {
        if (spec.pattern(codebooks, 1).layout().size() > contextSteps) {
            throw new IllegalArgumentException("pattern " + spec + " needs S="
                    + spec.pattern(codebooks, 1).layout().size() + " steps for one frame but the model's context is "
                    + contextSteps + " steps");
        }
        int lo = 1; // fits
        int hi = contextSteps + 1; // a sequence is at least one step per frame: does not fit
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (spec.pattern(codebooks, mid).layout().size() <= contextSteps) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** grid[:, :, from:to] of a [B][K][…] array. */
    private static int[][][] frames(int[][][] out, int from, int to) {
        int[][][] part = new int[out.length][out[0].length][];
        for (int b = 0; b < out.length; b++) {
            for (int q = 0; q < out[b].length; q++) {
                part[b][q] = Arrays.copyOfRange(out[b][q], from, to);
            }
        }
        return part;
    }

    /** One pass: T frames whose pattern sequence fits the model, continuing a checked P-frame prompt. */
    private static int[][][] generateWindow(
            Decoders decoders, PatternSpec spec, int[][][] prompt, int p, int timesteps, SplittableRandom random) {
        LmConfig c = decoders.model().config();
        int batch = prompt.length;
        int k = c.codebooks();
        Pattern pattern = spec.pattern(k, timesteps);
        List<?> layout = pattern.layout();
        int steps = layout.size();
        if (steps > c.maxSequenceSteps()) {
            throw new IllegalStateException("pattern " + spec + " needs S=" + steps + " steps for T=" + timesteps
                    + " but the model takes at most maxSequenceSteps=" + c.maxSequenceSteps() + " (a bug: the window "
                    + "is sized to fit)");
        }
        GatherIndex build = pattern.buildIndex(timesteps, StepSelection.ALL_STEPS);
        int[][][] seq = new int[batch][k][steps];
        for (int b = 0; b < batch; b++) {
            for (int q = 0; q < k; q++) {
                for (int s = 0; s < steps; s++) {
                    if (!build.mask()[q][s]) {
                        seq[b][q][s] = c.specialToken();
                    } else {
                        int t = build.index()[q][s] - q * timesteps;
                        seq[b][q][s] = t < p ? prompt[b][q][t] : UNKNOWN;
                    }
                }
            }
        }
        OptionalInt first = pattern.firstStepWithTimestep(p);
        int start = first.isPresent() ? first.getAsInt() : steps;
        fillSteps(decoders, seq, start, steps, random);
        int n = c.codebookSize();
        int[][][] out = new int[batch][][];
        for (int b = 0; b < batch; b++) {
            out[b] = pattern.revert(seq[b], UNKNOWN, StepSelection.ALL_STEPS).values();
            for (int q = 0; q < k; q++) {
                for (int t = 0; t < timesteps; t++) {
                    int v = out[b][q][t];
                    if (v < 0 || v >= n) {
                        throw new IllegalStateException("generation left code " + v + " at codebook " + q
                                + ", timestep " + t + " (pattern " + spec + ")");
                    }
                }
            }
        }
        return out;
    }

    /** Samples steps {@code start…steps−1} of {@code seq} on the decoders' engine, one step after another. */
    private static void fillSteps(Decoders decoders, int[][][] seq, int start, int steps, SplittableRandom random) {
        LmModel model = decoders.model();
        SampleConfig config = decoders.config();
        int batch = seq.length;
        int n = model.config().codebookSize();
        if (model.config().depth() != null) { // a depth model fills a step's cells one codebook after another
            try (DepthDecoder decoder = decoders.depth(batch, Math.max(1, steps - 1))) {
                DepthSampling.fill(decoder, seq, start, steps, config, random);
            }
        } else if (config.decoding() == SampleConfig.Decoding.CACHED) {
            try (StepDecoder decoder = decoders.cached(batch, Math.max(1, steps - 1))) {
                int fed = 0;
                for (int offset = start; offset < steps; offset++) {
                    float[] logits = decoder.step(slice(seq, fed, offset));
                    fed = offset;
                    fill(seq, offset, logits, n, config, random);
                }
            }
        } else {
            for (int offset = start; offset < steps; offset++) {
                float[] logits = model.lastLogits(slice(seq, 0, offset));
                fill(seq, offset, logits, n, config, random);
            }
        }
    }

    /** seq[:, :, from:to], checking that every cell is known. */
    static int[][][] slice(int[][][] seq, int from, int to) {
        int[][][] out = frames(seq, from, to);
        for (int[][] one : out) {
            for (int[] row : one) {
                for (int v : row) {
                    if (v == UNKNOWN) {
                        throw new IllegalStateException(
                                "step " + from + ".." + to + " holds an unknown cell: the pattern is not causal here");
                    }
                }
            }
        }
        return out;
    }

    /** Samples the unknown cells of step {@code offset} from logits [B][K][N]. */
    private static void fill(
            int[][][] seq, int offset, float[] logits, int n, SampleConfig config, SplittableRandom random) {
        for (int b = 0; b < seq.length; b++) {
            for (int q = 0; q < seq[b].length; q++) {
                int code = TokenFilter.sample(logits, (b * seq[b].length + q) * n, n, config, random);
                if (seq[b][q][offset] == UNKNOWN) {
                    seq[b][q][offset] = code;
                }
            }
        }
    }
}
