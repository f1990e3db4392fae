package dev.rvqlm.tokenizer.rvq;

/** What happens to codes nobody uses during training. */
public sealed interface DeadCodePolicy permits DeadCodePolicy.Keep, DeadCodePolicy.Reset {

    /** Codes are left alone, however rarely they are chosen. */
    record Keep() implements DeadCodePolicy {}

    /**
     * A code whose EMA assignment count (per batch) falls below {@code threshold} is replaced by a random residual
     * of the current batch (as in SoundStream/EnCodec's "expire codes"); its count restarts at the threshold.
     *
     * @param threshold in (0, batch size); the default 1.0 means "chosen less than once per batch on average"
     */
    record Reset(double threshold) implements DeadCodePolicy {
        public Reset {
            if (!(threshold > 0)) {
                throw new IllegalArgumentException("dead-code threshold must be > 0, got " + threshold);
            }
        }
    }

    static DeadCodePolicy defaults() {
        return new Reset(1.0);
    }
}
