package dev.rvqlm.eval.run;

import dev.rvqlm.eval.data.SplitPlan;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * One experiment: which models at which sizes, and the settings all runs share. Build it by name:
 *
 * <pre>{@code
 * EvalConfig config = EvalConfig.builder()
 *         .models(EvalConfig.defaultModels())
 *         .sizes(List.of(ModelShape.parseSize("64x2"), ModelShape.small()))
 *         .seeds(new Repeats(3, false))
 *         .build();
 * }</pre>
 *
 * @param models   model entries (patterns, depth models), at least one, no duplicates; the first is the FLOPs
 *                 budget's reference
 * @param sizes    transformer sizes, at least one, no duplicates; every model is trained at every size
 * @param train    training run settings (crop T, batch, steps, learning rate, first seed); the first seed also
 *                 fixes the held-out split, so every run sees the same data
 * @param budget   equal steps (default) or equal FLOPs (per size); the steps are a cap when early stopping is on
 * @param split    test and validation shares of the token files
 * @param stopping validation interval and patience
 * @param sampling sample-based metrics and sampling speed
 * @param repeats  seeds per model and size, fixed or per-seed split
 */
public record EvalConfig(
        List<ModelEntry> models,
        List<ModelShape> sizes,
        LmTraining train,
        Budget budget,
        SplitPlan split,
        EarlyStopping stopping,
        SamplingPlan sampling,
        Repeats repeats) {

    /** The four patterns of the MusicGen comparison. */
    public static final List<String> DEFAULT_PATTERNS = List.of("parallel", "delay", "partial-flatten", "flatten");

    public EvalConfig {
        models = List.copyOf(models);
        sizes = List.copyOf(sizes);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("give at least one pattern or model");
        }
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("give at least one model size");
        }
        requireDistinct(models, "pattern/model");
        requireDistinct(sizes.stream().map(ModelShape::label).toList(), "model size");
        if (train == null
                || budget == null
                || split == null
                || stopping == null
                || sampling == null
                || repeats == null) {
            throw new IllegalArgumentException(
                    "train, budget, split, stopping, sampling and repeats must all be given");
        }
    }

    private static void requireDistinct(List<?> values, String what) {
        Set<String> seen = new HashSet<>();
        for (Object v : values) {
            if (!seen.add(v.toString())) {
                throw new IllegalArgumentException(what + " " + v + " is given twice");
            }
        }
    }

    /** A builder starting from eval's defaults: the four patterns, {@link ModelShape#small()}, one seed. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder()
                .models(models)
                .sizes(sizes)
                .train(train)
                .budget(budget)
                .split(split)
                .stopping(stopping)
                .sampling(sampling)
                .repeats(repeats);
    }

    /**
     * Eval's training defaults, chosen to bring the default model close to convergence on corpora like
     * {@code rvq tokens synth}'s: peak learning rate 2e-3 after 100 warm-up steps, a cap of 3000 steps (early
     * stopping usually ends runs before it); otherwise the lm defaults (T=64, B=8, AdamW, cosine decay).
     */
    public static LmTraining defaultTraining() {
        return LmTraining.defaults().toBuilder()
                .steps(3000)
                .peakLearningRate(2e-3)
                .warmupSteps(100)
                .build();
    }

    /** The default patterns as model entries. */
    public static List<ModelEntry> defaultModels() {
        return DEFAULT_PATTERNS.stream().map(ModelEntry::parse).toList();
    }

    /** The first seed: it fixes the held-out split unless {@code repeats.resplit()}. */
    public long seed() {
        return train.run().seed();
    }

    /** The seeds of the runs: first, first + 1, …. */
    public List<Long> seeds() {
        return LongStream.range(0, repeats.seeds())
                .mapToObj(i -> train.run().seed() + i)
                .toList();
    }

    /** Builds an {@link EvalConfig} by name, from eval's defaults. */
    public static final class Builder {
        private List<ModelEntry> models = defaultModels();
        private List<ModelShape> sizes = List.of(ModelShape.small());
        private LmTraining train = defaultTraining();
        private Budget budget = Budget.STEPS;
        private SplitPlan split = SplitPlan.defaults();
        private EarlyStopping stopping = EarlyStopping.defaults();
        private SamplingPlan sampling = SamplingPlan.defaults();
        private Repeats repeats = Repeats.once();

        private Builder() {}

        public Builder models(List<ModelEntry> models) {
            this.models = models;
            return this;
        }

        public Builder sizes(List<ModelShape> sizes) {
            this.sizes = sizes;
            return this;
        }

        /** One size for every run. */
        public Builder size(ModelShape size) {
            return sizes(List.of(size));
        }

        public Builder train(LmTraining train) {
            this.train = train;
            return this;
        }

        public Builder budget(Budget budget) {
            this.budget = budget;
            return this;
        }

        public Builder split(SplitPlan split) {
            this.split = split;
            return this;
        }

        public Builder stopping(EarlyStopping stopping) {
            this.stopping = stopping;
            return this;
        }

        public Builder sampling(SamplingPlan sampling) {
            this.sampling = sampling;
            return this;
        }

        public Builder repeats(Repeats repeats) {
            this.repeats = repeats;
            return this;
        }

        public EvalConfig build() {
            return new EvalConfig(models, sizes, train, budget, split, stopping, sampling, repeats);
        }
    }
}
