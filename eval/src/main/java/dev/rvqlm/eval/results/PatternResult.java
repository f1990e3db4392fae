package dev.rvqlm.eval.results;

import dev.rvqlm.eval.stats.FileScores;
import java.util.List;

/**
 * Everything measured for one pattern. In {@code results.json} the names are snake_case
 * ({@code nll_bits_per_code}, {@code sample_rtf_b1}, ...). K codebooks, S sequence steps.
 *
 * @param pattern                   the pattern spec as given, e.g. {@code delay}
 * @param seed                      the run's seed (initialisation, crops, sampling)
 * @param sequenceStepsPerSecond    sequence steps the LM runs per second of audio (long-run rate)
 * @param trainSteps                optimizer steps taken (the best step's checkpoint is the one reported)
 * @param trainFlops                training FLOPs from LmConfig: steps × batch × FLOPs per training sequence
 * @param trainSeconds              training wall time
 * @param trainCodesPerSecond       codes (B·T·K per step) trained per wall second
 * @param nllBitsPerCode            held-out NLL, bits per code, mean over every held-out code
 * @param nllBitsPerCodeByCodebook  held-out NLL per codebook [K], bits per code
 * @param nllBitsPerSecond          held-out NLL in bits per second of audio (= bits per code × K × frame rate)
 * @param heldOutCodes              number of held-out codes scored (each exactly once)
 * @param sampleRtfB1               sampling wall time per second of generated audio at batch 1
 * @param sampleRtfB8               sampling wall time per second of generated audio at batch 8 (all 8 samples'
 *                                  audio counted)
 * @param peakRssMib                peak resident memory of the process while this pattern ran, MiB
 * @param parameters                LM parameter count
 * @param curve                     training curve
 * @param selection                 validation curve, best step, how training ended
 * @param testByFile                test NLL per held-out file, at the best step (what the bootstrap resamples)
 * @param samples                   sample-based metrics
 */
public record PatternResult(
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

    public PatternResult {
        nllBitsPerCodeByCodebook = List.copyOf(nllBitsPerCodeByCodebook);
        curve = List.copyOf(curve);
    }
}
