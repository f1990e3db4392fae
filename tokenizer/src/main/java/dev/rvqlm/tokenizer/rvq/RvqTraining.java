package dev.rvqlm.tokenizer.rvq;

/**
 * Run settings of codebook learning (not stored as model shape; overridable per run).
 *
 * @param iterations  mini-batch updates after initialisation, >= 0 (default 300)
 * @param batchSize   frames per mini-batch, >= 1 (default 8192: about 110 s of audio at 75 frames/s)
 * @param seed        the one seed; initialisation, batches, dropout and resets draw from generators split off it
 * @param init        how codebooks start (default k-means++)
 * @param decay       EMA decay of counts and sums per batch, in [0, 1) (default 0.99 as in SoundStream/EnCodec)
 * @param deadCodes   dead-code policy (default: reset below an EMA count of 1 per batch)
 * @param dropout     probability in [0, 1) that a batch trains only a random prefix of the K stages
 *                    (quantizer dropout; default 0, see {@link RvqTrainer} for why a greedy RVQ does not need it)
 */
public record RvqTraining(
        int iterations, int batchSize, long seed, Init init, double decay, DeadCodePolicy deadCodes, double dropout) {

    /** Laplace smoothing added to every EMA count before dividing sums by counts (EnCodec's epsilon). */
    public static final double LAPLACE_EPSILON = 1e-5;
    /** Residuals sampled for k-means++ initialisation, per codeword (the sample is at most this × N). */
    public static final int INIT_SAMPLES_PER_CODE = 8;

    public RvqTraining {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (init == null || deadCodes == null) {
            throw new IllegalArgumentException("init and deadCodes must be given");
        }
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    public static RvqTraining defaults(long seed) {
        return new RvqTraining(300, 8192, seed, Init.KMEANS_PLUS_PLUS, 0.99, DeadCodePolicy.defaults(), 0.0);
    }

    /** A builder starting from these settings; each setter changes exactly its own field. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets fields by name; {@link #build} validates them (the record's constructor). */
    public static final class Builder {
        private int iterations;
        private int batchSize;
        private long seed;
        private Init init;
        private double decay;
        private DeadCodePolicy deadCodes;
        private double dropout;

        private Builder(RvqTraining t) {
            iterations = t.iterations;
            batchSize = t.batchSize;
            seed = t.seed;
            init = t.init;
            decay = t.decay;
            deadCodes = t.deadCodes;
            dropout = t.dropout;
        }

        public Builder iterations(int value) {
            iterations = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder init(Init value) {
            init = value;
            return this;
        }

        public Builder decay(double value) {
            decay = value;
            return this;
        }

        public Builder deadCodes(DeadCodePolicy value) {
            deadCodes = value;
            return this;
        }

        public Builder dropout(double value) {
            dropout = value;
            return this;
        }

        public RvqTraining build() {
            return new RvqTraining(iterations, batchSize, seed, init, decay, deadCodes, dropout);
        }
    }
}
