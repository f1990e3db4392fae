package dev.rvqlm.eval.run;

import dev.rvqlm.eval.data.HeldOutSplit;
import dev.rvqlm.eval.data.Window;
import dev.rvqlm.eval.metrics.NllUnits;
import dev.rvqlm.eval.metrics.SampleQuality;
import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.eval.results.SampleMetrics;
import dev.rvqlm.eval.results.TrainingPoint;
import dev.rvqlm.lm.LmEvaluator;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.LmTrainer;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.NllResult;
import dev.rvqlm.lm.Sampler;
import dev.rvqlm.lm.StepMetrics;
import dev.rvqlm.tokens.TokenCorpus;
import dev.rvqlm.lm.TrainListener;
import dev.rvqlm.lm.TrainResult;
import dev.rvqlm.tokenizer.Codec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs one pattern of an eval: trains its LM, scores the held-out windows, samples continuations of the held-out
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

    PatternResult run(PatternPlan plan, Path runDir, EvalProgress progress) throws IOException {
        PeakRss.reset();
        int k = corpus.codebooks();
        double frameRate = corpus.frameRate();
        try (LmModel model = LmModel.create(plan.lm(), plan.train().run().seed())) {
            double ratio = plan.train().data().timesteps() / (double) plan.trainSequence();
            TrainListener listener = new TrainListener() {
                @Override
                public void onStep(StepMetrics m) {
                    progress.step(m.step() + 1, m.steps(), m.loss(), m.tokensPerSecond() * ratio, m.etaSeconds());
                }
            };
            TrainResult trained = new LmTrainer(plan.train()).train(model, split.train(),
                    DepthEntry.temporal(plan.spec(), k), runDir, listener);
            double trainSeconds = trained.wallSeconds();
            LmTraining.Data data = plan.train().data();
            double codesTrained = (double) plan.train().schedule().steps() * data.accumulation() * data.batch()
                    * data.timesteps() * k;

            progress.note(String.format(java.util.Locale.ROOT, "trained in %.1f s; scoring %d held-out windows",
                    trainSeconds, split.windows().size()));
            HeldOutNll nll = HeldOutNll.of(score(model));

            progress.note(String.format(java.util.Locale.ROOT,
                    "%.4f bits/code; sampling %d continuations of %.1f s (and timing batch 1 and %d)",
                    nll.bitsPerCode(), split.prompts().size(), config.sampling().continuationSeconds(),
                    config.sampling().largeBatch()));
            Sampling sampling = sample(model, frameRate);
            double peak = PeakRss.mib().orElse(Double.NaN);
            return new PatternResult(plan.spec().toString(), DepthEntry.stepsPerSecond(plan.spec(), plan.lm(), frameRate),
                    plan.train().schedule().steps(), plan.trainFlops(), trainSeconds, codesTrained / trainSeconds,
                    nll.bitsPerCode(), nll.byCodebook(), NllUnits.bitsPerSecond(nll.bitsPerCode(), k, frameRate),
                    nll.count(), sampling.rtfB1(), sampling.rtfLarge(), peak, model.parameterCount(),
                    curve(trained.history()), sampling.metrics());
        }
    }

    /** Held-out NLL in bits: per codebook [K], over all codes, and how many codes were scored. */
    record HeldOutNll(List<Double> byCodebook, double bitsPerCode, long count) {

        static HeldOutNll of(NllResult nll) {
            long[] counts = nll.counts();
            double[] nats = nll.nats();
            List<Double> byCodebook = new ArrayList<>();
            double natsSum = 0;
            long count = 0;
            for (int q = 0; q < nats.length; q++) {
                byCodebook.add(NllUnits.bitsPerCode(nats[q], counts[q]));
                natsSum += nats[q];
                count += counts[q];
            }
            return new HeldOutNll(byCodebook, NllUnits.bitsPerCode(natsSum, count), count);
        }
    }

    /** Held-out NLL; checks that every held-out code was scored exactly once. */
    private NllResult score(LmModel model) {
        List<int[][]> windows = new ArrayList<>();
        for (Window w : split.windows()) {
            windows.add(w.cut(corpus.items().get(w.file()).codes()));
        }
        NllResult nll = LmEvaluator.evaluate(model, model.patternSpec(), windows, config.train().data().batch());
        long expected = split.scoredFramesPerCodebook();
        for (long c : nll.counts()) {
            if (c != expected) {
                throw new IllegalStateException("pattern " + model.patternSpec() + " scored " + c
                        + " codes of a codebook but the held-out windows hold " + expected
                        + "; each held-out code must be scored exactly once");
            }
        }
        return nll;
    }

    private record Sampling(double rtfB1, double rtfLarge, SampleMetrics metrics) {}

    private Sampling sample(LmModel model, double frameRate) {
        SamplingPlan plan = config.sampling();
        int p = plan.promptFrames(frameRate);
        int c = plan.continuationFrames(frameRate);
        List<int[][]> windows = new ArrayList<>();
        for (Window w : split.prompts()) {
            windows.add(w.cut(corpus.items().get(w.file()).codes()));
        }
        long seed = config.seed() ^ SAMPLING_SEED_SALT;
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
            generated.addAll(Arrays.asList(Sampler.generate(model, prompts(windows, start, n, p), p + c,
                    plan.sample(), seed + start)));
        }
        int[][][] samples = new int[windows.size()][][];
        int[][][] real = new int[windows.size()][][];
        for (int i = 0; i < windows.size(); i++) {
            samples[i] = slice(generated.get(i), p, p + c);
            real[i] = slice(windows.get(i), p, p + c);
        }
        SampleMetrics metrics = SampleQuality.measure(samples, real, corpus.codebookSize(), codec,
                p / frameRate, continuationSeconds);
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
