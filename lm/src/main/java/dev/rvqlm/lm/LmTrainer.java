package dev.rvqlm.lm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.patterns.StepSelection;
import dev.rvqlm.tokens.TokenCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trains an {@link LmModel} on a {@link TokenCorpus} under one pattern: random T-frame crops built into pattern
 * sequences (valid steps only, as AudioCraft's MusicGen), loss = per-codebook cross-entropy over the cells the
 * pattern's revert of scores assigns, averaged over K; AdamW ({@link AdamW}) with linear warm-up and cosine decay,
 * global-norm clipping and gradient accumulation. Each optimizer step runs in a child NDManager. A listener ends a
 * run early by answering {@link TrainListener.Decision#STOP} after a step; that step is then treated as the last
 * (validated when there are validation files, checkpointed).
 *
 * <pre>{@code
 * LmTraining run = LmTraining.defaults().toBuilder().steps(500).seed(1).build();
 * try (LmModel model = LmModel.create(new LmConfig(4, 1024, 256, 6, 8, 4, 0.0, 600), run.run().seed())) {
 *     TrainResult r = new LmTrainer(run).train(model, corpus, PatternSpec.parse("delay"), runDir, listener);
 *     System.out.println(r.finalLoss() + " after " + r.wallSeconds() + " s");
 * }
 * // later, after a crash:
 * try (LmModel model = LmTrainer.resume(runDir, corpus, listener).model()) { ... }
 * }</pre>
 *
 * <p>In {@code runDir} the trainer writes {@code metrics.jsonl} (one JSON object per step and per validation) and
 * {@code checkpoint.rvqlm} (every {@code checkpointEvery} steps and at the end, atomically replaced).
 */
public final class LmTrainer {

    /** The checkpoint file name inside a run directory. */
    public static final String CHECKPOINT = "checkpoint.rvqlm";
    /** The metrics file name inside a run directory. */
    public static final String METRICS = "metrics.jsonl";

    private final LmTraining config;

    public LmTrainer(LmTraining config) {
        this.config = config;
    }

    /** Trains without a run directory (no checkpoints, no metrics file). */
    public TrainResult train(LmModel model, TokenCorpus corpus, PatternSpec spec, TrainListener listener) {
        try {
            return train(model, corpus, spec, null, listener);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Trains {@code model} from step 0 for {@code config.schedule().steps()} steps.
     *
     * @throws IllegalArgumentException when the corpus's K or N differs from the model's, or no file is long enough
     */
    public TrainResult train(LmModel model, TokenCorpus corpus, PatternSpec spec, Path runDir, TrainListener listener)
            throws IOException {
        model.setPatternSpec(spec); // stored in its checkpoints, so a resumed run and the sampler lay steps out alike
        model.setTokenizerId(corpus.tokenizerId());
        return run(model, spec, corpus, runDir, listener, 0, null);
    }

    /**
     * Continues the run whose checkpoint is in {@code runDir} (or is that file) to its configured last step,
     * with the same data, schedule and optimizer state as an unbroken run.
     */
    public static TrainResult resume(Path runDir, TokenCorpus corpus, TrainListener listener) throws IOException {
        Path file = Files.isDirectory(runDir) ? runDir.resolve(CHECKPOINT) : runDir;
        Checkpoint.Loaded loaded = Checkpoint.read(file);
        if (loaded.training() == null) {
            loaded.model().close();
            throw new IllegalArgumentException(file.getFileName() + " holds no training state (a model-only file)");
        }
        String expected = loaded.model().tokenizerId();
        if (!expected.isEmpty() && !corpus.tokenizerId().isEmpty() && !expected.equals(corpus.tokenizerId())) {
            loaded.model().close();
            throw new IllegalArgumentException("the run was trained on tokens of tokenizer " + expected
                    + " but these tokens come from " + corpus.tokenizerId());
        }
        Checkpoint.TrainingState state = loaded.training();
        Path dir = Files.isDirectory(runDir) ? runDir : runDir.toAbsolutePath().getParent();
        return new LmTrainer(state.config())
                .run(
                        loaded.model(),
                        loaded.model().patternSpec(),
                        corpus,
                        dir,
                        listener,
                        state.nextStep(),
                        state.optimizer());
    }

    private TrainResult run(
            LmModel model,
            PatternSpec spec,
            TokenCorpus corpus,
            Path runDir,
            TrainListener listener,
            int startStep,
            AdamW.State optimizerState)
            throws IOException {
        LmConfig c = requireSameCodes(corpus, model.config());
        PatternBatcher batcher = new PatternBatcher(spec, c, config.data().timesteps(), StepSelection.VALID_STEPS);
        model.setTrainedSteps(Math.max(model.trainedSteps(), batcher.steps()));
        CropSource source = new CropSource(corpus, config);
        List<int[][]> validation = validationWindows(source, spec, c);
        MetricsLog metrics = openMetrics(runDir, startStep);
        Engine engine = Engine.getEngine("PyTorch");
        long t0 = System.nanoTime();
        double tokensPerStep = (double) config.data().batch()
                * batcher.steps()
                * c.codebooks()
                * config.data().accumulation();
        double emaSeconds = Double.NaN;
        List<StepMetrics> history = new ArrayList<>();
        NllResult lastValidation = null;
        try (AdamW optimizer = new AdamW(model, config.optimizer(), optimizerState)) {
            for (int step = startStep; step < config.schedule().steps(); step++) {
                long s0 = System.nanoTime();
                if (c.dropout() > 0) {
                    engine.setRandomSeed((int) CropSource.mix(config.run().seed(), step, -1));
                }
                double lr = config.schedule().learningRateAt(step);
                double[] nll = new double[c.codebooks()];
                double gradNorm = update(engine, model, optimizer, lr, batches(batcher, source, step), nll);
                double seconds = (System.nanoTime() - s0) / 1e9;
                emaSeconds =
                        Double.isNaN(emaSeconds) || step == startStep + 1 ? seconds : 0.8 * emaSeconds + 0.2 * seconds;
                StepMetrics m = new StepMetrics(
                        step,
                        config.schedule().steps(),
                        Arrays.stream(nll).average().orElse(Double.NaN),
                        nll,
                        lr,
                        gradNorm,
                        tokensPerStep / emaSeconds,
                        (System.nanoTime() - t0) / 1e9,
                        emaSeconds * (config.schedule().steps() - step - 1));
                history.add(m);
                if (metrics != null) {
                    metrics.step(m);
                }
                listener.onStep(m);
                boolean stop = listener.afterStep(m) == TrainListener.Decision.STOP;
                boolean last = stop || step == config.schedule().steps() - 1;
                if (!validation.isEmpty() && (last || due(step, config.run().evalEvery()))) {
                    lastValidation = validate(model, spec, validation, step, metrics, listener);
                }
                if (runDir != null && (last || due(step, config.run().checkpointEvery()))) {
                    Path file = runDir.resolve(CHECKPOINT);
                    Checkpoint.write(file, model, new Checkpoint.TrainingState(config, step + 1, optimizer.state()));
                    listener.onCheckpoint(step, file);
                }
                if (stop) {
                    break;
                }
            }
        }
        return new TrainResult(model, history, lastValidation, (System.nanoTime() - t0) / 1e9);
    }

    /** The validation windows; scoring runs all the pattern's steps, so a layout it cannot take fails now. */
    private List<int[][]> validationWindows(CropSource source, PatternSpec spec, LmConfig c) {
        List<int[][]> validation = source.validationWindows(config.run().validationWindows());
        if (!validation.isEmpty()) {
            new PatternBatcher(spec, c, config.data().timesteps(), StepSelection.ALL_STEPS);
        }
        return validation;
    }

    /** The run's metrics.jsonl, cut back to {@code startStep} on a resume; none without a run directory. */
    private static MetricsLog openMetrics(Path runDir, int startStep) throws IOException {
        if (runDir == null) {
            return null;
        }
        MetricsLog metrics = new MetricsLog(runDir.resolve(METRICS));
        Files.createDirectories(runDir);
        metrics.truncateTo(startStep);
        return metrics;
    }

    private NllResult validate(
            LmModel model,
            PatternSpec spec,
            List<int[][]> validation,
            int step,
            MetricsLog metrics,
            TrainListener listener)
            throws IOException {
        NllResult result =
                LmEvaluator.evaluate(model, spec, validation, config.data().batch());
        if (metrics != null) {
            metrics.validation(step, result);
        }
        listener.onValidation(step, result);
        return result;
    }

    /** {@code c}, when the tokens have its K and N. */
    private static LmConfig requireSameCodes(TokenCorpus corpus, LmConfig c) {
        if (corpus.codebooks() != c.codebooks()) {
            throw new IllegalArgumentException(
                    "the tokens have K=" + corpus.codebooks() + " codebooks but the model has K=" + c.codebooks());
        }
        if (corpus.codebookSize() != c.codebookSize()) {
            throw new IllegalArgumentException("the tokens have N=" + corpus.codebookSize()
                    + " codes per codebook but the model has N=" + c.codebookSize());
        }
        return c;
    }

    /** Whether 0-based {@code step} ends a period of {@code every} steps (0: never). */
    private static boolean due(int step, int every) {
        return every > 0 && (step + 1) % every == 0;
    }

    /** The micro-batches of one optimizer step. */
    private List<PatternBatcher.Batch> batches(PatternBatcher batcher, CropSource source, int step) {
        List<PatternBatcher.Batch> batches = new ArrayList<>();
        for (int micro = 0; micro < config.data().accumulation(); micro++) {
            batches.add(batcher.batch(source.crops(step, micro, config.data().batch())));
        }
        return batches;
    }

    /**
     * One optimizer step over {@code batches}: accumulates their mean per-codebook NLL into {@code nll}, clips by the
     * global gradient norm and updates; returns that norm.
     */
    private double update(
            Engine engine,
            LmModel model,
            AdamW optimizer,
            double lr,
            List<PatternBatcher.Batch> batches,
            double[] nll) {
        try (NDManager sm = model.manager().newSubManager()) {
            for (PatternBatcher.Batch b : batches) {
                float[] perCodebook = forwardBackward(engine, model, sm, b);
                for (int k = 0; k < nll.length; k++) {
                    nll[k] += perCodebook[k] / batches.size();
                }
            }
            List<NDArray> grads = new ArrayList<>();
            NDList squares = new NDList();
            for (Parameters.Param p : model.params()) {
                NDArray g = p.array().getGradient();
                g.attach(sm);
                grads.add(g);
                squares.add(g.square().sum());
            }
            double gradNorm = Math.sqrt(NDArrays.stack(squares).sum().getFloat()) / batches.size();
            double clip = config.optimizer().clipNorm() > 0
                    ? Math.min(1.0, config.optimizer().clipNorm() / (gradNorm + 1e-6))
                    : 1.0;
            optimizer.update(sm, grads, lr, clip / batches.size());
            for (NDArray g : grads) {
                g.subi(g); // the collector accumulates: zero for the next step
            }
            return gradNorm;
        }
    }

    /** Forward and backward of one micro-batch; returns its per-codebook NLL. Gradients accumulate. */
    private static float[] forwardBackward(Engine engine, LmModel model, NDManager sm, PatternBatcher.Batch b) {
        int k = model.config().codebooks();
        try (NDManager micro = sm.newSubManager();
                GradientCollector collector = engine.newGradientCollector()) {
            NDArray idx = model.indices(micro, b.sequences());
            Shape cells = new Shape(b.batch(), b.steps(), k, 1);
            NDArray targets = micro.create(b.targets(), cells);
            NDArray weights = micro.create(b.weights(), cells);
            float[] counts = b.counts().clone();
            for (int q = 0; q < k; q++) {
                counts[q] = Math.max(1f, counts[q]);
            }
            NDArray perCodebook = model.nllSums(model.hidden(idx, 0, null, true), targets, weights)
                    .div(micro.create(counts, new Shape(k))); // [K] mean NLL per codebook
            collector.backward(perCodebook.mean());
            return perCodebook.toFloatArray();
        }
    }

    /** Training loss of a model on fixed crops, for tests of masking and gradients: returns the loss value. */
    static float lossAndGradients(LmModel model, PatternSpec spec, List<int[][]> crops, NDManager sm) {
        int t = crops.get(0)[0].length;
        PatternBatcher batcher = new PatternBatcher(spec, model.config(), t, StepSelection.VALID_STEPS);
        float[] perCodebook = forwardBackward(Engine.getEngine("PyTorch"), model, sm, batcher.batch(crops));
        double mean = 0;
        for (float v : perCodebook) {
            mean += v;
        }
        return (float) (mean / perCodebook.length);
    }
}
