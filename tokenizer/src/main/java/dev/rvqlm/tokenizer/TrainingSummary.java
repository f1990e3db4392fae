package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.rvq.StageDiagnostics;
import dev.rvqlm.tokens.StreamStatistics;
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
 * @param stages          per stage: perplexity, usage and dead codes counted on {@code usageSeconds} of the
 *                        training audio; feature-domain error after the first k stages on the ladder's sample
 * @param ladder          quality after the first k stages (bitrate ladder) on {@code ladderSeconds} of the
 *                        training audio (a slice of every clip)
 * @param streams         entropy and dependence of each stream, on the codes the usage counts
 * @param usageSeconds    seconds of training audio whose codes the usage, dead codes and streams count (0 in files
 *                        written before it was stored: there, the ladder's sample of up to 180 s)
 * @param ladderSeconds   seconds of training audio in the ladder's sample (0 in files written before it was stored)
 */
public record TrainingSummary(
        String kind,
        long seed,
        String settings,
        long trainingFrames,
        double trainingSeconds,
        List<StageDiagnostics> stages,
        List<LadderPoint> ladder,
        List<StreamStatistics.Stream> streams,
        double usageSeconds,
        double ladderSeconds) {

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

    /** A summary with no diagnostics yet. */
    static TrainingSummary undiagnosed(
            String kind, long seed, String settings, long trainingFrames, double trainingSeconds) {
        return new TrainingSummary(
                kind, seed, settings, trainingFrames, trainingSeconds, List.of(), List.of(), List.of(), 0, 0);
    }

    TrainingSummary withDiagnostics(CodecDiagnostics.Result d) {
        return new TrainingSummary(
                kind,
                seed,
                settings,
                trainingFrames,
                trainingSeconds,
                d.stages(),
                d.ladder(),
                d.streams(),
                d.usageSeconds(),
                d.ladderSeconds());
    }
}
