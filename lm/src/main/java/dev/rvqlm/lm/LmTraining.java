package dev.rvqlm.lm;

/**
 * Run settings of one LM training run (overridable; the model's shape is {@link LmConfig}), in four groups: what
 * each step reads ({@link Data}), how the learning rate moves ({@link Schedule}), the optimizer ({@link Optimizer})
 * and the run around it ({@link Run}). Build one by name:
 *
 * <pre>{@code
 * LmTraining run = LmTraining.defaults().toBuilder().steps(2000).learningRate(1e-3).minLearningRate(1e-4)
 *         .seed(7).build();
 * double lr = run.schedule().learningRateAt(100);
 * }</pre>
 *
 * @param data      crops and batches
 * @param schedule  steps and learning rates
 * @param optimizer AdamW and clipping
 * @param run       seed, validation and checkpoints
 */
public record LmTraining(Data data, Schedule schedule, Optimizer optimizer, Run run) {

    /** Which parameters AdamW decays. */
    public enum DecayPolicy {
        /** nanoGPT's rule: every tensor of rank ≥ 2 (linear weights, heads, embeddings); not norms or biases. */
        MATRICES,
        /** Every parameter, as {@code torch.optim.AdamW(model.parameters())} and the PyTorch yardstick do. */
        ALL
    }

    /**
     * @param timesteps    T, frames per random crop; the pattern turns a crop into S sequence steps
     * @param batch        B, crops per micro-batch
     * @param accumulation micro-batches per optimizer step (gradient accumulation, ≥ 1)
     */
    public record Data(int timesteps, int batch, int accumulation) {
        public Data {
            Checks.require(timesteps >= 1, "timesteps (T) must be at least 1, got " + timesteps);
            Checks.require(batch >= 1, "batch (B) must be at least 1, got " + batch);
            Checks.require(accumulation >= 1, "accumulation must be at least 1, got " + accumulation);
        }
    }

    /**
     * @param steps           optimizer steps of the whole run (the cosine schedule ends there)
     * @param learningRate    peak learning rate reached after warm-up
     * @param minLearningRate learning rate at the end of the cosine decay (nanoGPT: a tenth of the peak)
     * @param warmupSteps     linear warm-up steps from 0 to the peak (nanoGPT's {@code lr·(it+1)/warmup})
     */
    public record Schedule(int steps, double learningRate, double minLearningRate, int warmupSteps) {
        public Schedule {
            Checks.require(steps >= 1, "steps must be at least 1, got " + steps);
            Checks.require(learningRate > 0, "learningRate must be positive, got " + learningRate);
            Checks.require(
                    minLearningRate >= 0 && minLearningRate <= learningRate,
                    "minLearningRate must be in [0, learningRate=" + learningRate + "], got " + minLearningRate);
            Checks.require(warmupSteps >= 0, "warmupSteps must be at least 0, got " + warmupSteps);
        }

        /** The rate of optimizer step {@code it} (0-based): linear warm-up, then cosine decay to the minimum. */
        public double learningRateAt(int it) {
            if (it < warmupSteps) {
                return learningRate * (it + 1) / warmupSteps;
            }
            if (steps <= warmupSteps) {
                return learningRate;
            }
            double progress = Math.min(1.0, (double) (it - warmupSteps) / (steps - warmupSteps));
            return minLearningRate + 0.5 * (1 + Math.cos(Math.PI * progress)) * (learningRate - minLearningRate);
        }
    }

    /**
     * @param weightDecay decoupled AdamW weight decay
     * @param decay       which parameters get weight decay
     * @param beta1       AdamW β1
     * @param beta2       AdamW β2 (0.95 as nanoGPT and MusicGen)
     * @param eps         AdamW ε
     * @param clipNorm    global gradient-norm clip (≤ 0: no clipping)
     */
    public record Optimizer(
            double weightDecay, DecayPolicy decay, double beta1, double beta2, double eps, double clipNorm) {
        public Optimizer {
            Checks.require(weightDecay >= 0, "weightDecay must be at least 0, got " + weightDecay);
            Checks.require(decay != null, "decay policy must be given");
            Checks.require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
            Checks.require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
            Checks.require(eps > 0, "eps must be positive, got " + eps);
        }
    }

    /**
     * @param seed               seeds initialisation, the train/validation split, crops and dropout
     * @param validationFraction share of files held out for validation (by file, fixed by the seed)
     * @param validationWindows  at most this many held-out windows of T frames scored at each validation
     * @param evalEvery          validation every this many steps (and at the end; ≤ 0: only at the end)
     * @param checkpointEvery    checkpoint every this many steps (and at the end; ≤ 0: only at the end)
     */
    public record Run(long seed, double validationFraction, int validationWindows, int evalEvery, int checkpointEvery) {
        public Run {
            Checks.require(
                    validationFraction >= 0 && validationFraction < 1,
                    "validationFraction must be in [0, 1), got " + validationFraction);
            Checks.require(validationWindows >= 0, "validationWindows must be at least 0, got " + validationWindows);
        }
    }

    public LmTraining {
        Checks.require(
                data != null && schedule != null && optimizer != null && run != null,
                "data, schedule, optimizer and run must all be given");
    }

    /** T=64, B=8, 1000 steps, lr 3e-4 → 3e-5 after 100 warm-up steps, wd 0.1 on matrices, β (0.9, 0.95), clip 1. */
    public static LmTraining defaults() {
        return new LmTraining(
                new Data(64, 8, 1),
                new Schedule(1000, 3e-4, 3e-5, 100),
                new Optimizer(0.1, DecayPolicy.MATRICES, 0.9, 0.95, 1e-8, 1.0),
                new Run(0L, 0.1, 16, 100, 500));
    }

    /** A builder starting from these settings; each setter changes exactly its own field. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets fields by name; {@link #build} validates them all (the records' constructors). */
    public static final class Builder {
        private int timesteps;
        private int batch;
        private int accumulation;
        private int steps;
        private double learningRate;
        private double minLearningRate;
        private int warmupSteps;
        private double weightDecay;
        private DecayPolicy decay;
        private double beta1;
        private double beta2;
        private double eps;
        private double clipNorm;
        private long seed;
        private double validationFraction;
        private int validationWindows;
        private int evalEvery;
        private int checkpointEvery;

        private Builder(LmTraining t) {
            data(t.data());
            schedule(t.schedule());
            optimizer(t.optimizer());
            run(t.run());
        }

        public Builder data(Data d) {
            return timesteps(d.timesteps()).batch(d.batch()).accumulation(d.accumulation());
        }

        public Builder schedule(Schedule s) {
            return steps(s.steps())
                    .learningRate(s.learningRate())
                    .minLearningRate(s.minLearningRate())
                    .warmupSteps(s.warmupSteps());
        }

        public Builder optimizer(Optimizer o) {
            return weightDecay(o.weightDecay())
                    .decay(o.decay())
                    .beta1(o.beta1())
                    .beta2(o.beta2())
                    .eps(o.eps())
                    .clipNorm(o.clipNorm());
        }

        public Builder run(Run r) {
            return seed(r.seed())
                    .validationFraction(r.validationFraction())
                    .validationWindows(r.validationWindows())
                    .evalEvery(r.evalEvery())
                    .checkpointEvery(r.checkpointEvery());
        }

        public Builder timesteps(int v) {
            timesteps = v;
            return this;
        }

        public Builder batch(int v) {
            batch = v;
            return this;
        }

        public Builder accumulation(int v) {
            accumulation = v;
            return this;
        }

        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /** The peak rate only; the minimum is its own setting ({@link #minLearningRate}). */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Sets the peak rate and, explicitly, the minimum at a tenth of it (nanoGPT's rule). */
        public Builder peakLearningRate(double peak) {
            return learningRate(peak).minLearningRate(peak / 10);
        }

        public Builder minLearningRate(double v) {
            minLearningRate = v;
            return this;
        }

        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder decay(DecayPolicy v) {
            decay = v;
            return this;
        }

        public Builder beta1(double v) {
            beta1 = v;
            return this;
        }

        public Builder beta2(double v) {
            beta2 = v;
            return this;
        }

        public Builder eps(double v) {
            eps = v;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder validationFraction(double v) {
            validationFraction = v;
            return this;
        }

        public Builder validationWindows(int v) {
            validationWindows = v;
            return this;
        }

        public Builder evalEvery(int v) {
            evalEvery = v;
            return this;
        }

        public Builder checkpointEvery(int v) {
            checkpointEvery = v;
            return this;
        }

        public LmTraining build() {
            return new LmTraining(
                    new Data(timesteps, batch, accumulation),
                    new Schedule(steps, learningRate, minLearningRate, warmupSteps),
                    new Optimizer(weightDecay, decay, beta1, beta2, eps, clipNorm),
                    new Run(seed, validationFraction, validationWindows, evalEvery, checkpointEvery));
        }
    }
}
