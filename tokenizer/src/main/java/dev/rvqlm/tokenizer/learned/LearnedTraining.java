package dev.rvqlm.tokenizer.learned;

/**
 * Run settings of learned-codec training (overridable per run; not part of the codec's shape).
 *
 * @param seed           the one seed: every step draws from a generator derived from (seed, step), so a resumed
 *                       run draws what an uninterrupted one would
 * @param steps          optimiser steps (default 3000; 1500 gave 0.0041 more log-mel distance at 6 kbit/s on the
 *                       dev corpus with hidden 1024)
 * @param warmup         share of the steps, in [0, 1), that train encoder and decoder without quantisation; then
 *                       every stage is seeded by k-means++ on the encoder's outputs (default 0.1)
 * @param learningRate   Adam's peak rate, decayed linearly to a tenth at the end (default 1e-3)
 * @param batch          segments × frames per step
 * @param vq             the quantizer's learning
 * @param envelopeWeight weight of the band-envelope (log2 band RMS, the log-mel-like part) features in the
 *                       reconstruction loss against the shapes' 1 (default 1: the feature domain as the classical
 *                       codec measures it)
 */
public record LearnedTraining(
        long seed, int steps, double warmup, double learningRate, Batch batch, LatentVq vq, double envelopeWeight) {

    /**
     * @param segments runs of consecutive frames per batch (default 32)
     * @param frames   frames per run whose reconstruction is trained (default 32)
     */
    public record Batch(int segments, int frames) {
        public Batch {
            if (segments < 1 || frames < 1) {
                throw new IllegalArgumentException(
                        "batch needs >= 1 segment of >= 1 frame, got " + segments + " x " + frames);
            }
        }

        public int rows() {
            return segments * frames;
        }
    }

    public LearnedTraining {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (!(warmup >= 0 && warmup < 1)) {
            throw new IllegalArgumentException("warmup must be a share of the steps in [0, 1), got " + warmup);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (batch == null || vq == null) {
            throw new IllegalArgumentException("batch and vq must be given");
        }
        if (!(envelopeWeight > 0)) {
            throw new IllegalArgumentException("envelope weight must be > 0, got " + envelopeWeight);
        }
    }

    public static LearnedTraining defaults(long seed) {
        return new LearnedTraining(seed, 3000, 0.1, 1e-3, new Batch(32, 32), LatentVq.defaults(), 1.0);
    }

    /** The step at which quantisation starts (codebooks are seeded). */
    public int quantizeFrom() {
        return (int) Math.floor(warmup * steps);
    }

    /** A builder starting from these settings; each setter changes exactly its own field. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets fields by name; {@link #build} validates them (the record's constructor). */
    public static final class Builder {
        private long seed;
        private int steps;
        private double warmup;
        private double learningRate;
        private Batch batch;
        private LatentVq vq;
        private double envelopeWeight;

        private Builder(LearnedTraining t) {
            seed = t.seed;
            steps = t.steps;
            warmup = t.warmup;
            learningRate = t.learningRate;
            batch = t.batch;
            vq = t.vq;
            envelopeWeight = t.envelopeWeight;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder steps(int value) {
            steps = value;
            return this;
        }

        public Builder warmup(double value) {
            warmup = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder batch(Batch value) {
            batch = value;
            return this;
        }

        public Builder vq(LatentVq value) {
            vq = value;
            return this;
        }

        public Builder envelopeWeight(double value) {
            envelopeWeight = value;
            return this;
        }

        public LearnedTraining build() {
            return new LearnedTraining(seed, steps, warmup, learningRate, batch, vq, envelopeWeight);
        }
    }
}
