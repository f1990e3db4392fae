package dev.rvqlm.tokenizer.rvq;

/**
 * One progress report from codebook learning.
 *
 * @param phase       {@link Phase#INIT} while stages are seeded (step = stage), {@link Phase#TRAIN} during the EMA
 *                    updates
 * @param step        1-based step within the phase
 * @param steps       steps in the phase
 * @param distortion  mean squared residual per vector element after the last trained stage, on this batch
 * @param relativeDistortion distortion divided by the batch's mean squared value (0 = perfect)
 * @param deadCodes   codes (over all stages) whose EMA count is below the dead-code threshold before reset
 * @param resets      codes reset in this step
 */
public record TrainProgress(Phase phase, int step, int steps, double distortion, double relativeDistortion,
        int deadCodes, int resets) {

    /** The two phases of codebook learning. */
    public enum Phase {
        /** k-means++ seeding, one step per stage. */
        INIT("init"),
        /** EMA updates, one step per iteration. */
        TRAIN("train");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** The short name shown in progress lines. */
        public String label() {
            return label;
        }
    }

    /** Receives progress; called on the training thread. */
    @FunctionalInterface
    public interface Listener {
        void onProgress(TrainProgress progress);

        Listener NONE = p -> {};
    }
}
