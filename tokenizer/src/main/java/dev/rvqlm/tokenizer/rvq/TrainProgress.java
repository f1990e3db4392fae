package dev.rvqlm.tokenizer.rvq;

import java.util.Locale;

/**
 * One progress report from codec training.
 *
 * @param phase       {@link Phase#INIT} while stages are seeded (step = stage), {@link Phase#TRAIN} afterwards
 * @param step        1-based step within the phase
 * @param steps       steps in the phase
 * @param distortion  the training loss on this batch: for RVQ, the mean squared residual per vector element after
 *                    the last trained stage; for a learned codec, the reconstruction error per feature element
 * @param relativeDistortion distortion divided by the batch's mean squared value (0 = perfect)
 * @param deadCodes   codes (over all stages) whose EMA count was below the dead-code threshold and were reset from
 *                    the batch in this step
 */
public record TrainProgress(
        Phase phase, int step, int steps, double distortion, double relativeDistortion, int deadCodes) {

    /** Phases of training. */
    public enum Phase {
        /** Seeding the codebooks (k-means++), one step per stage. */
        INIT,
        /** Mini-batch updates. */
        TRAIN;

        /** The short name shown in progress lines. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Receives progress; called on the training thread. */
    @FunctionalInterface
    public interface Listener {
        void onProgress(TrainProgress progress);

        Listener NONE = p -> {};
    }
}
