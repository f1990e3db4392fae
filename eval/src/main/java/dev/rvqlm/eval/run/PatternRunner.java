package dev.rvqlm.eval.run;

import dev.rvqlm.eval.data.HeldOutSplit;
import dev.rvqlm.eval.data.Window;
import dev.rvqlm.eval.metrics.NllUnits;
import dev.rvqlm.eval.metrics.SampleQuality;
import dev.rvqlm.eval.metrics.UnigramBaseline;
import dev.rvqlm.eval.report.Listening;
import dev.rvqlm.eval.results.FileScores;
import dev.rvqlm.eval.results.HeldOutScore;
import dev.rvqlm.eval.results.ModelSelection;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.SampleMetrics;
import dev.rvqlm.eval.results.SamplingOutcome;
import dev.rvqlm.eval.results.TrainingOutcome;
import dev.rvqlm.eval.results.TrainingPoint;
import dev.rvqlm.eval.results.ValidationPoint;
import dev.rvqlm.lm.LmEvaluator;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.LmTrainer;
import dev.rvqlm.lm.NllResult;
import dev.rvqlm.lm.Sampler;
import dev.rvqlm.lm.StepMetrics;
import dev.rvqlm.lm.TrainListener;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.TokenCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one run of an eval (a model at a size with a seed): trains its LM, scores the held-out windows, samples continuations of the held-out
 * prompts, and measures time and memory on the way. B batch, K codebooks, P prompt frames, C continuation frames.
 */
final class PatternRunner {

    /** Points kept of a training curve (evenly thinned beyond this). */
    static final int CURVE_POINTS = 400;
    /** Seed offset of sampling, so sampling draws differ from initialisation draws of the same run seed. */
    static final long SAMPLING_SEED_SALT = 0x5A3D_1E5BL;

    /** Untimed full-length generations at batch 1 before the timed ones. */
    static final int WARM_UP_RUNS = 2;

    private final EvalConfig config;
    private final TokenCorpus corpus;
    private final HeldOutSplit split;
    private final Optional<Codec> codec;

    PatternRunner(EvalConfig config, TokenCorpus corpus, HeldOutSplit split, Optional<Codec> codec) {
        this.config = config;
        this.corpus = corpus;
        this.split = split;
        this.codec = codec;
    }

    /** The file of the best step's model in a run directory: the one scored and sampled. */
    static final String BEST = "best.rvqlm";

    /**
     * Trains, scores and samples the run of {@code plan} in {@code runDir} (named {@code directory} relative to the
     * report).
     */
    RunResult run(RunPlan plan, Path runDir, String directory, EvalProgress.Run progress) throws IOException {
        PeakRss.reset();
        int k = corpus.codebooks();
        double frameRate = corpus.frameRate();
        long seed = plan.train().run().seed();
        Selector selector = train(plan, runDir, progress);
        double trainSeconds = selector.trainSeconds();
        long stepsTaken = selector.stepsTaken();
        double codesTrained = (double) stepsTaken
                * plan.train().data().accumulation()
                * plan.train().data().batch()
                * plan.train().data().timesteps()
                * k;
        ModelSelection selection = selector.selection(plan.train().schedule().steps());
        try (LmModel model = LmModel.load(runDir.resolve(BEST))) {
            progress.note(String.format(
                    Locale.ROOT,
                    "trained %d steps in %.1f s, best validation at step " + "%d%s; scoring %d test windows",
                    stepsTaken,
                    trainSeconds,
                    selection.bestStep(),
                    selection.stoppedEarly() ? " (stopped early)" : "",
                    split.windows().size()));
            FileScores byFile = scoreByFile(model);
            HeldOutNll nll = HeldOutNll.of(byFile);
            progress.note(String.format(
                    Locale.ROOT,
                    "%.4f bits/code; sampling %d continuations of %.1f s (and timing batch 1 and %d)",
                    nll.bitsPerCode(),
                    split.prompts().size(),
                    config.sampling().continuationSeconds(),
                    config.sampling().largeBatch()));
            Sampling sampling = sample(model, frameRate, seed, runDir);
            double peak = PeakRss.mib().orElse(Double.NaN);
            TrainingOutcome training = new TrainingOutcome(
                    stepsTaken,
                    plan.flopsPerStep() * stepsTaken,
                    trainSeconds,
                    codesTrained / trainSeconds,
                    curve(selector.history),
                    selection);
            HeldOutScore test = new HeldOutScore(
                    nll.bitsPerCode(),
                    nll.byCodebook(),
                    NllUnits.bitsPerSecond(nll.bitsPerCode(), k, frameRate),
                    nll.count(),
                    byFile);
            SamplingOutcome sampled = new SamplingOutcome(
                    SequenceRate.stepsPerSecond(plan.layout(), k, frameRate)
                            * plan.lm().sequentialStepsPerStep(),
                    sampling.rtfB1(),
                    config.sampling().largeBatch(),
                    sampling.rtfLarge(),
                    sampling.metrics());
            return new RunResult(plan.run(), directory, model.parameterCount(), training, test, sampled, peak);
        }
    }

    /** Trains the run's LM until the cap or early stopping; leaves the best step's model in {@link #BEST}. */
    private Selector train(RunPlan plan, Path runDir, EvalProgress.Run progress) throws IOException {
        Selector selector = new Selector(plan, runDir.resolve(BEST), progress);
        try (LmModel model = LmModel.create(plan.lm(), plan.train().run().seed())) {
            selector.model = model;
            new LmTrainer(plan.train()).train(model, split.train(), plan.layout(), runDir, selector);
            Files.deleteIfExists(runDir.resolve(LmTrainer.CHECKPOINT)); // the last step's; best.rvqlm is the run's
            if (!selector.saved) {
                model.save(runDir.resolve(BEST));
            }
        }
        return selector;
    }

    /**
     * Listens to training: progress lines, validation at the planned steps, the best step's model saved, and the
     * early-stopping decision ({@link ValidationTracker}) answered to the trainer.
     */
    private final class Selector implements TrainListener {

        final RunPlan plan;
        final Path best;
        final EvalProgress.Run progress;
        final Set<Integer> validateAt;
        final List<StepMetrics> history = new ArrayList<>();
        final List<ValidationPoint> curve = new ArrayList<>();
        final double ratio;
        final ValidationTracker tracker;
        LmModel model;
        boolean saved;
        boolean stoppedEarly;
        double validationSeconds;
        double lastElapsed;

        Selector(RunPlan plan, Path best, EvalProgress.Run progress) {
            this.plan = plan;
            this.best = best;
            this.progress = progress;
            this.validateAt = split.validationWindows().isEmpty()
                    ? Set.of()
                    : config.stopping().steps(plan.train().schedule().steps());
            this.ratio = plan.train().data().timesteps() / (double) plan.trainSequence();
            this.tracker = new ValidationTracker(config.stopping(), validationUnigramBits());
        }

        @Override
        public void onStep(StepMetrics m) {
            history.add(m);
            lastElapsed = m.elapsedSeconds();
            progress.step(m.step() + 1, m.steps(), m.loss(), m.tokensPerSecond() * ratio, m.etaSeconds());
        }

        @Override
        public Decision afterStep(StepMetrics m) {
            int done = m.step() + 1;
            if (!validateAt.contains(done)) {
                return Decision.CONTINUE;
            }
            long t0 = System.nanoTime();
            double bits =
                    HeldOutNll.of(byFile(model, split.validationWindows())).bitsPerCode();
            ValidationTracker.Decision decision = tracker.add(done, bits);
            try {
                if (decision == ValidationTracker.Decision.NEW_BEST) {
                    model.save(best);
                    saved = true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the best model to " + best + ": " + e.getMessage(), e);
            }
            validationSeconds += (System.nanoTime() - t0) / 1e9;
            curve.add(new ValidationPoint(
                    done, plan.flopsPerStep() * done, m.elapsedSeconds() - validationSeconds, m.loss(), bits));
            progress.note(String.format(
                    Locale.ROOT,
                    "step %d: validation %.4f bits/code (best %.4f at " + "step %d)",
                    done,
                    bits,
                    tracker.best(),
                    tracker.bestStep()));
            if (decision == ValidationTracker.Decision.STOP
                    && done < plan.train().schedule().steps()) {
                stoppedEarly = true;
                return Decision.STOP;
            }
            return Decision.CONTINUE;
        }

        /** The validation codes' unigram baseline from the training files' marginals (NaN without validation). */
        private double validationUnigramBits() {
            if (split.validationWindows().isEmpty()) {
                return Double.NaN;
            }
            List<int[][]> trainGrids =
                    split.train().items().stream().map(TokenCorpus.Item::codes).toList();
            return UnigramBaseline.fit(trainGrids, corpus.codebookSize()).bitsPerCode(cut(split.validationWindows()));
        }

        double trainSeconds() {
            return lastElapsed - validationSeconds;
        }

        long stepsTaken() {
            return history.isEmpty() ? 0 : history.get(history.size() - 1).step() + 1;
        }

        ModelSelection selection(int cap) {
            long last = stepsTaken();
            long chosen = curve.isEmpty() ? last : tracker.bestStep();
            boolean stillImproving = !curve.isEmpty() && !stoppedEarly && last >= cap && chosen == last;
            return new ModelSelection(curve, chosen, stoppedEarly, stillImproving, tracker.sinceBest());
        }
    }

    /** Held-out NLL in bits: per codebook [K], over all codes, and how many codes were scored. */
    record HeldOutNll(List<Double> byCodebook, double bitsPerCode, long count) {

        static HeldOutNll of(FileScores scores) {
            int[] all = scores.all();
            List<Double> byCodebook = new ArrayList<>();
            for (int q = 0; q < scores.codebooks(); q++) {
                byCodebook.add(scores.bitsPerCode(all, q));
            }
            long count = 0;
            for (long[] c : scores.counts()) {
                for (long v : c) {
                    count += v;
                }
            }
            return new HeldOutNll(byCodebook, scores.bitsPerCode(all), count);
        }
    }

    /** Test NLL per held-out file; checks that every test code was scored exactly once. */
    private FileScores scoreByFile(LmModel model) {
        FileScores scores = byFile(model, split.windows());
        long expected = split.scoredFramesPerCodebook();
        for (int q = 0; q < scores.codebooks(); q++) {
            long c = 0;
            for (long[] perFile : scores.counts()) {
                c += perFile[q];
            }
            if (c != expected) {
                throw new IllegalStateException("pattern " + model.patternSpec() + " scored " + c
                        + " codes of codebook " + q + " but the held-out windows hold " + expected
                        + "; each held-out code must be scored exactly once");
            }
        }
        return scores;
    }

    /** The codes of the windows, [K][length] each. */
    private List<int[][]> cut(List<Window> windows) {
        return windows.stream()
                .map(w -> w.cut(corpus.items().get(w.file()).codes()))
                .toList();
    }

    /** NLL of the windows, summed per file (files in window order). */
    private FileScores byFile(LmModel model, List<Window> windows) {
        Map<String, List<int[][]>> grouped = new LinkedHashMap<>();
        for (Window w : windows) {
            grouped.computeIfAbsent(w.name(), n -> new ArrayList<>())
                    .add(w.cut(corpus.items().get(w.file()).codes()));
        }
        List<String> names = new ArrayList<>(grouped.keySet());
        double[][] nats = new double[names.size()][];
        long[][] counts = new long[names.size()][];
        for (int f = 0; f < names.size(); f++) {
            NllResult r = LmEvaluator.evaluate(
                    model,
                    model.patternSpec(),
                    grouped.get(names.get(f)),
                    config.train().data().batch());
            nats[f] = r.nats();
            counts[f] = r.counts();
        }
        return new FileScores(names, nats, counts);
    }

    private record Sampling(double rtfB1, double rtfLarge, SampleMetrics metrics) {}

    private Sampling sample(LmModel model, double frameRate, long runSeed, Path runDir) throws IOException {
        SamplingPlan plan = config.sampling();
        int p = plan.promptFrames(frameRate);
        int c = plan.continuationFrames(frameRate);
        List<int[][]> windows = new ArrayList<>();
        for (Window w : split.prompts()) {
            windows.add(w.cut(corpus.items().get(w.file()).codes()));
        }
        long seed = runSeed ^ SAMPLING_SEED_SALT;
        double continuationSeconds = c / frameRate;
        // Warm-up: the engine's first runs of each shape are slow; full-length runs at both batch sizes bring it to
        // steady speed before the timed runs.
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            Sampler.generate(model, prompts(windows, 0, 1, p), p + c, plan.sample(), seed);
        }
        Sampler.generate(model, prompts(windows, 0, plan.largeBatch(), p), p + c, plan.sample(), seed);

        long t0 = System.nanoTime();
        Sampler.generate(model, prompts(windows, 0, 1, p), p + c, plan.sample(), seed);
        double rtfB1 = (System.nanoTime() - t0) / 1e9 / continuationSeconds;

        int large = plan.largeBatch();
        t0 = System.nanoTime();
        int[][][] first = Sampler.generate(model, prompts(windows, 0, large, p), p + c, plan.sample(), seed);
        double rtfLarge = (System.nanoTime() - t0) / 1e9 / (large * continuationSeconds);

        List<int[][]> generated = new ArrayList<>(Arrays.asList(first).subList(0, Math.min(large, windows.size())));
        for (int start = large; start < windows.size(); start += large) {
            int n = Math.min(large, windows.size() - start);
            generated.addAll(Arrays.asList(
                    Sampler.generate(model, prompts(windows, start, n, p), p + c, plan.sample(), seed + start)));
        }
        int[][][] samples = new int[windows.size()][][];
        int[][][] real = new int[windows.size()][][];
        for (int i = 0; i < windows.size(); i++) {
            samples[i] = slice(generated.get(i), p, p + c);
            real[i] = slice(windows.get(i), p, p + c);
        }
        SampleMetrics metrics =
                SampleQuality.measure(samples, real, corpus.codebookSize(), codec, p / frameRate, continuationSeconds);
        if (codec.isPresent()) {
            for (int i = 0; i < Math.min(Listening.PROMPTS, windows.size()); i++) {
                Listening.write(codec.get(), windows.get(i), generated.get(i), runDir, i);
            }
        }
        return new Sampling(rtfB1, rtfLarge, metrics);
    }

    /** Prompts {@code [from, from + n)} of the windows, cycling when there are fewer, cut to P frames: [n][K][P]. */
    static int[][][] prompts(List<int[][]> windows, int from, int n, int p) {
        int[][][] out = new int[n][][];
        for (int i = 0; i < n; i++) {
            out[i] = slice(windows.get((from + i) % windows.size()), 0, p);
        }
        return out;
    }

    static int[][] slice(int[][] codes, int from, int to) {
        int[][] out = new int[codes.length][];
        for (int q = 0; q < codes.length; q++) {
            out[q] = Arrays.copyOfRange(codes[q], from, to);
        }
        return out;
    }

    static List<TrainingPoint> curve(List<StepMetrics> history) {
        List<TrainingPoint> points = new ArrayList<>();
        int stride = Math.max(1, (int) Math.ceil(history.size() / (double) CURVE_POINTS));
        for (int i = 0; i < history.size(); i++) {
            if (i % stride == 0 || i == history.size() - 1) {
                StepMetrics m = history.get(i);
                points.add(new TrainingPoint(m.step() + 1, m.loss(), m.elapsedSeconds()));
            }
        }
        return points;
    }
}
