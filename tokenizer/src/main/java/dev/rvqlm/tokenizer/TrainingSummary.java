package dev.rvqlm.tokenizer;

import dev.rvqlm.tokens.StreamStatistics;
import dev.rvqlm.tokenizer.rvq.StageDiagnostics;
import java.util.List;

/**
 * How a codec was trained and how its streams behave, stored in the codec file and printed by
 * {@code rvq codec info} / {@code codec train}.
 *
 * @param kind            "classical" or "learned"
 * @param seed            the training seed
 * @param settings        the run settings, in words
 * @param trainingFrames  frames in the training set
 * @param trainingSeconds seconds of audio in the training set
 * @param stages          per-stage perplexity, usage, dead codes and feature-domain error after the first k stages,
 *                        measured on a sample of the training clips
 * @param ladder          quality after the first k stages (bitrate ladder) on the same sample
 * @param streams         entropy and dependence of each stream on the same sample
 */
public record TrainingSummary(String kind, long seed, String settings, long trainingFrames, double trainingSeconds,
        List<StageDiagnostics> stages, List<LadderPoint> ladder, List<StreamStatistics.Stream> streams) {

    public TrainingSummary {
        stages = stages == null ? List.of() : List.copyOf(stages);
        ladder = ladder == null ? List.of() : List.copyOf(ladder);
        streams = streams == null ? List.of() : List.copyOf(streams);
    }

    /**
     * One rung of the bitrate ladder.
     *
     * @param k         stages used
     * @param kbps      bitrate with k stages
     * @param featureDb feature-domain error relative to the features' energy, in dB
     * @param logMel    log-mel distance of the decoded audio (lower is better)
     */
    public record LadderPoint(int k, double kbps, double featureDb, double logMel) {}

    TrainingSummary withDiagnostics(List<StageDiagnostics> newStages, List<LadderPoint> newLadder,
            List<StreamStatistics.Stream> newStreams) {
        return new TrainingSummary(kind, seed, settings, trainingFrames, trainingSeconds, newStages, newLadder,
                newStreams);
    }
}
