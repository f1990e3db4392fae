package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.rvq.StageDiagnostics;
import java.util.List;

/**
 * How a codec was trained and how its codebooks behave, stored in the codec file and printed by
 * {@code rvq codec info}.
 *
 * @param seed            the training seed
 * @param iterations      EMA mini-batch updates
 * @param batchSize       frames per batch
 * @param decay           EMA decay
 * @param init            codebook initialisation
 * @param deadCodes       dead-code policy, in words
 * @param dropout         quantizer dropout probability
 * @param trainingFrames  frames (vectors) in the training set
 * @param trainingSeconds seconds of audio in the training set
 * @param stages          per-codebook diagnostics on a sample of the training frames
 */
public record TrainingSummary(long seed, int iterations, int batchSize, double decay, String init, String deadCodes,
        double dropout, long trainingFrames, double trainingSeconds, List<StageDiagnostics> stages) {

    public TrainingSummary {
        stages = List.copyOf(stages);
    }
}
