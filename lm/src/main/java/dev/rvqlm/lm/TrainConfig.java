package dev.rvqlm.lm;

/**
 * Run settings of one training run (overridable; the model's shape is {@link LmConfig}).
 *
 * <pre>{@code
 * TrainConfig run = TrainConfig.defaults().withSteps(2000).withSeed(7);
 * }</pre>
 *
 * @param timesteps          T, frames per random crop; the pattern turns a crop into S sequence steps
 * @param batch              B, crops per micro-batch
 * @param accumulation       micro-batches per optimizer step (gradient accumulation, ≥ 1)
 * @param steps              optimizer steps of the whole run (the cosine schedule ends there)
 * @param learningRate       peak learning rate reached after warm-up
 * @param minLearningRate    learning rate at the end of the cosine decay (nanoGPT: a tenth of the peak)
 * @param warmupSteps        linear warm-up steps from 0 to the peak (nanoGPT's {@code lr·(it+1)/warmup})
 * @param weightDecay        decoupled AdamW weight decay
 * @param decay              which parameters get weight decay
 * @param beta1              AdamW β1
 * @param beta2              AdamW β2 (0.95 as nanoGPT and MusicGen)
 * @param eps                AdamW ε
 * @param clipNorm           global gradient-norm clip (≤ 0: no clipping)
 * @param seed               seeds initialisation, the train/validation split, crops and dropout
 * @param validationFraction share of files held out for validation (by file, fixed by the seed)
 * @param validationWindows  at most this many held-out windows of T frames scored at each validation
 * @param evalEvery          validation every this many steps (and at the end; ≤ 0: only at the end)
 * @param checkpointEvery    checkpoint every this many steps (and at the end; ≤ 0: only at the end)
 */
public record TrainConfig(int timesteps, int batch, int accumulation, int steps, double learningRate,
        double minLearningRate, int warmupSteps, double weightDecay, DecayPolicy decay, double beta1, double beta2,
        double eps, double clipNorm, long seed, double validationFraction, int validationWindows, int evalEvery,
        int checkpointEvery) {

    /** Which parameters AdamW decays. */
    public enum DecayPolicy {
        /** nanoGPT's rule: every tensor of rank ≥ 2 (linear weights, heads, embeddings); not norms or biases. */
        MATRICES,
        /** Every parameter, as {@code torch.optim.AdamW(model.parameters())} and the PyTorch yardstick do. */
        ALL
    }

    public TrainConfig {
        require(timesteps >= 1, "timesteps (T) must be at least 1, got " + timesteps);
        require(batch >= 1, "batch (B) must be at least 1, got " + batch);
        require(accumulation >= 1, "accumulation must be at least 1, got " + accumulation);
        require(steps >= 1, "steps must be at least 1, got " + steps);
        require(learningRate > 0, "learningRate must be positive, got " + learningRate);
        require(minLearningRate >= 0 && minLearningRate <= learningRate,
                "minLearningRate must be in [0, learningRate=" + learningRate + "], got " + minLearningRate);
        require(warmupSteps >= 0, "warmupSteps must be at least 0, got " + warmupSteps);
        require(weightDecay >= 0, "weightDecay must be at least 0, got " + weightDecay);
        require(decay != null, "decay policy must be given");
        require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
        require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
        require(eps > 0, "eps must be positive, got " + eps);
        require(validationFraction >= 0 && validationFraction < 1,
                "validationFraction must be in [0, 1), got " + validationFraction);
        require(validationWindows >= 0, "validationWindows must be at least 0, got " + validationWindows);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** T=64, B=8, 1000 steps, lr 3e-4 → 3e-5 after 100 warm-up steps, wd 0.1 on matrices, β (0.9, 0.95), clip 1. */
    public static TrainConfig defaults() {
        return new TrainConfig(64, 8, 1, 1000, 3e-4, 3e-5, 100, 0.1, DecayPolicy.MATRICES, 0.9, 0.95, 1e-8, 1.0,
                0L, 0.1, 16, 100, 500);
    }

    /** The learning rate of optimizer step {@code it} (0-based): linear warm-up, then cosine decay to the minimum. */
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

    public TrainConfig withTimesteps(int v) {
        return new TrainConfig(v, batch, accumulation, steps, learningRate, minLearningRate, warmupSteps,
                weightDecay, decay, beta1, beta2, eps, clipNorm, seed, validationFraction, validationWindows,
                evalEvery, checkpointEvery);
    }

    public TrainConfig withBatch(int v) {
        return new TrainConfig(timesteps, v, accumulation, steps, learningRate, minLearningRate, warmupSteps,
                weightDecay, decay, beta1, beta2, eps, clipNorm, seed, validationFraction, validationWindows,
                evalEvery, checkpointEvery);
    }

    public TrainConfig withAccumulation(int v) {
        return new TrainConfig(timesteps, batch, v, steps, learningRate, minLearningRate, warmupSteps,
                weightDecay, decay, beta1, beta2, eps, clipNorm, seed, validationFraction, validationWindows,
                evalEvery, checkpointEvery);
    }

    public TrainConfig withSteps(int v) {
        return new TrainConfig(timesteps, batch, accumulation, v, learningRate, minLearningRate, warmupSteps,
                weightDecay, decay, beta1, beta2, eps, clipNorm, seed, validationFraction, validationWindows,
                evalEvery, checkpointEvery);
    }

    /** Sets the peak rate and keeps the minimum at a tenth of it. */
    public TrainConfig withLearningRate(double v) {
        return new TrainConfig(timesteps, batch, accumulation, steps, v, v / 10, warmupSteps, weightDecay, decay,
                beta1, beta2, eps, clipNorm, seed, validationFraction, validationWindows, evalEvery,
                checkpointEvery);
    }

    public TrainConfig withWarmupSteps(int v) {
        return new TrainConfig(timesteps, batch, accumulation, steps, learningRate, minLearningRate, v,
                weightDecay, decay, beta1, beta2, eps, clipNorm, seed, validationFraction, validationWindows,
                evalEvery, checkpointEvery);
    }

    public TrainConfig withWeightDecay(double v, DecayPolicy policy) {
        return new TrainConfig(timesteps, batch, accumulation, steps, learningRate, minLearningRate, warmupSteps,
                v, policy, beta1, beta2, eps, clipNorm, seed, validationFraction, validationWindows, evalEvery,
                checkpointEvery);
    }

    public TrainConfig withSeed(long v) {
        return new TrainConfig(timesteps, batch, accumulation, steps, learningRate, minLearningRate, warmupSteps,
                weightDecay, decay, beta1, beta2, eps, clipNorm, v, validationFraction, validationWindows,
                evalEvery, checkpointEvery);
    }

    public TrainConfig withValidation(double fraction, int windows, int every) {
        return new TrainConfig(timesteps, batch, accumulation, steps, learningRate, minLearningRate, warmupSteps,
                weightDecay, decay, beta1, beta2, eps, clipNorm, seed, fraction, windows, every, checkpointEvery);
    }

    public TrainConfig withCheckpointEvery(int v) {
        return new TrainConfig(timesteps, batch, accumulation, steps, learningRate, minLearningRate, warmupSteps,
                weightDecay, decay, beta1, beta2, eps, clipNorm, seed, validationFraction, validationWindows,
                evalEvery, v);
    }

    public TrainConfig withClipNorm(double v) {
        return new TrainConfig(timesteps, batch, accumulation, steps, learningRate, minLearningRate, warmupSteps,
                weightDecay, decay, beta1, beta2, eps, v, seed, validationFraction, validationWindows, evalEvery,
                checkpointEvery);
    }
}
