package dev.rvqlm.lm.bench;

import dev.rvqlm.lm.EngineThreads;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.LmTrainer;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.StepMetrics;
import dev.rvqlm.lm.TrainListener;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.TokenCorpus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code train_A}, {@code train_B}, {@code train_depth_A}: one optimizer step (forward, backward, clipping, AdamW)
 * over B·S·K random codes, the yardstick's settings; MFU against the {@code mm} peak when that ran first.
 */
final class TrainBench {

    private TrainBench() {}

    static Map<String, Object> run(BenchShape shape, double budgetSeconds, double peakGflops) throws IOException {
        LmConfig c = shape.config();
        // delay (parallel for a depth model): S = T + 1 valid steps, the yardstick's S input steps
        PatternSpec layout = PatternSpec.parse(c.depth() == null ? "delay" : "parallel");
        int timesteps = shape.steps() - 1;
        TokenCorpus corpus = BenchShape.randomCorpus(c, shape.batch() * 4, timesteps + 64, 0);
        List<Double> warm = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        try (LmModel model = LmModel.create(c, 0)) {
            new LmTrainer(yardstickTraining(timesteps, shape.batch(), 2))
                    .train(model, corpus, layout, stepTimes(warm, losses));
            int runs = Math.max(3, Math.min(50, (int) (budgetSeconds / warm.get(warm.size() - 1))));
            List<Double> times = new ArrayList<>();
            MachineLoad load = new MachineLoad();
            load.start();
            new LmTrainer(yardstickTraining(timesteps, shape.batch(), runs))
                    .train(model, corpus, layout, stepTimes(times, losses));
            load.stop();
            double median = Timing.median(times);
            double flops = c.trainingFlops(shape.batch(), shape.steps());
            double tokens = (double) shape.batch() * shape.steps() * c.codebooks();
            Map<String, Object> rec = Timing.stats("train_" + shape.name(), times);
            rec.put("engine", "djl"); // training always runs on DJL
            rec.put("threads", EngineThreads.get());
            rec.put("config", shape.record());
            rec.put(
                    "params",
                    Map.of(
                            "total", c.parameterCount(),
                            "embedding", c.embeddingParameterCount(),
                            "non_embedding", c.nonEmbeddingParameterCount()));
            rec.put("warmup_s", warm.stream().map(Timing::round).toList());
            rec.put("steps_per_s", Timing.round(1 / median));
            rec.put("tokens_per_s", Timing.round(tokens / median));
            rec.put("tokens_per_s_best", Timing.round(tokens / Timing.min(times)));
            rec.put("flops_per_step", flops);
            rec.put("gflops_achieved", Timing.round(flops / median / 1e9));
            if (!Double.isNaN(peakGflops)) {
                rec.put("peak_gflops", Timing.round(peakGflops));
                rec.put("mfu", Timing.round(flops / median / 1e9 / peakGflops));
            }
            rec.put("cpu", load.record());
            rec.put("loss_first", Timing.round(losses.get(0)));
            rec.put("loss_last", Timing.round(losses.get(losses.size() - 1)));
            return rec;
        }
    }

    /**
     * The yardstick's training settings: torch.optim.AdamW defaults (β 0.9/0.999, ε 1e-8) at a constant 3e-4 with
     * weight decay 0.01 on every parameter, clip 1, no warm-up, no validation or checkpoints.
     */
    static LmTraining yardstickTraining(int timesteps, int batch, int steps) {
        return LmTraining.defaults().toBuilder()
                .timesteps(timesteps)
                .batch(batch)
                .accumulation(1)
                .steps(steps)
                .learningRate(3e-4)
                .minLearningRate(3e-4)
                .warmupSteps(0)
                .weightDecay(0.01)
                .decay(LmTraining.DecayPolicy.ALL)
                .beta1(0.9)
                .beta2(0.999)
                .eps(1e-8)
                .clipNorm(1.0)
                .seed(0)
                .validationFraction(0)
                .validationWindows(0)
                .evalEvery(0)
                .checkpointEvery(0)
                .build();
    }

    /** Adds each step's seconds and loss to the lists. */
    private static TrainListener stepTimes(List<Double> times, List<Double> losses) {
        return new TrainListener() {
            private double last;

            @Override
            public void onStep(StepMetrics m) {
                times.add(m.elapsedSeconds() - last);
                last = m.elapsedSeconds();
                losses.add(m.loss());
            }
        };
    }
}
