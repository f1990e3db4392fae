package dev.rvqlm.eval.results;

import java.util.List;

/**
 * A run's {@code result.json} as evals wrote it before runs were typed (result format 3, one flat record of 19
 * fields). Read only, so that run directories of earlier evals are still reused; {@link #toRunResult} gives the
 * typed result.
 */
record LegacyRunResult(
        String pattern,
        long seed,
        double sequenceStepsPerSecond,
        long trainSteps,
        double trainFlops,
        double trainSeconds,
        double trainCodesPerSecond,
        double nllBitsPerCode,
        List<Double> nllBitsPerCodeByCodebook,
        double nllBitsPerSecond,
        long heldOutCodes,
        double sampleRtfB1,
        double sampleRtfB8,
        double peakRssMib,
        long parameters,
        List<TrainingPoint> curve,
        ModelSelection selection,
        FileScores testByFile,
        SampleMetrics samples) {

    /** The batch the old files called b8: eval's large sampling batch was always 8 when they were written. */
    static final int OLD_LARGE_BATCH = 8;

    /** The typed result of {@code run} (whose model and seed this file names) stored in {@code directory}. */
    RunResult toRunResult(RunSpec run, String directory) {
        if (!run.model().toString().equals(pattern) || run.seed() != seed) {
            throw new IllegalArgumentException("the stored result is for " + pattern + " seed " + seed + ", not for "
                    + run.name() + " (" + directory + ")");
        }
        return new RunResult(
                run,
                directory,
                parameters,
                new TrainingOutcome(trainSteps, trainFlops, trainSeconds, trainCodesPerSecond, curve, selection),
                new HeldOutScore(nllBitsPerCode, nllBitsPerCodeByCodebook, nllBitsPerSecond, heldOutCodes, testByFile),
                new SamplingOutcome(sequenceStepsPerSecond, sampleRtfB1, OLD_LARGE_BATCH, sampleRtfB8, samples),
                peakRssMib);
    }
}
