package dev.rvqlm.tokenizer.learned;

/**
 * How the residual VQ on the latents learns (run settings, not stored as shape).
 *
 * @param commitment  β of the commitment loss β·‖z − sg(q)‖² (default 1.0; with 0.25, stage 1 used fewer codes on
 *                    the dev test clips at the same log-mel distance)
 * @param decay       EMA decay of code counts and sums (default 0.99)
 * @param deadThreshold a code whose EMA count (per batch) falls below this share of the uniform count (rows per
 *                    batch / N) is reset to a latent of the batch (default 0.1); 0 turns resets off
 * @param dropout     probability that a batch quantises with a random prefix k ≤ K of the stages (quantizer
 *                    dropout, default 0.5), so that every prefix decodes well
 * @param jitter      std of Gaussian noise added to the latents before quantisation during training, relative to
 *                    the latents' RMS (default 0: off)
 * @param temperature stochastic assignment in stage 1 during training: a code is drawn with probability ∝
 *                    exp(−d²/(τ·d²_min)) among the 8 nearest (default 0.3; 0: nearest only). Spreads stage 1's
 *                    use of its codes: dev corpus, 1500 steps, seeds 0–2, stage-1 perplexity on the test clips
 *                    231–252 with τ = 0.1 and 265–276 with τ = 0.3, for 0.0009–0.0019 more log-mel distance at
 *                    6 kbit/s; applied to every stage it cost the later stages' usage (stage 8: 678 → 582)
 */
public record LatentVq(
        double commitment, double decay, double deadThreshold, double dropout, double jitter, double temperature) {

    public LatentVq {
        if (!(commitment >= 0)) {
            throw new IllegalArgumentException("commitment must be >= 0, got " + commitment);
        }
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
        }
        if (!(deadThreshold >= 0)) {
            throw new IllegalArgumentException("dead-code threshold must be >= 0, got " + deadThreshold);
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("quantizer dropout must be in [0, 1], got " + dropout);
        }
        if (!(jitter >= 0)) {
            throw new IllegalArgumentException("jitter must be >= 0, got " + jitter);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
    }

    public static LatentVq defaults() {
        return new LatentVq(1.0, 0.99, 0.1, 0.5, 0, 0.3);
    }

    /** A builder starting from these settings; each setter changes exactly its own field. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets fields by name; {@link #build} validates them (the record's constructor). */
    public static final class Builder {
        private double commitment;
        private double decay;
        private double deadThreshold;
        private double dropout;
        private double jitter;
        private double temperature;

        private Builder(LatentVq v) {
            commitment = v.commitment;
            decay = v.decay;
            deadThreshold = v.deadThreshold;
            dropout = v.dropout;
            jitter = v.jitter;
            temperature = v.temperature;
        }

        public Builder commitment(double value) {
            commitment = value;
            return this;
        }

        public Builder decay(double value) {
            decay = value;
            return this;
        }

        public Builder deadThreshold(double value) {
            deadThreshold = value;
            return this;
        }

        public Builder dropout(double value) {
            dropout = value;
            return this;
        }

        public Builder jitter(double value) {
            jitter = value;
            return this;
        }

        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        public LatentVq build() {
            return new LatentVq(commitment, decay, deadThreshold, dropout, jitter, temperature);
        }
    }
}
