package dev.rvqlm.eval.results;

import java.util.List;

/**
 * A run's test NLL at its best step, every held-out code scored exactly once. K codebooks.
 *
 * @param bitsPerCode           bits per code, over every held-out code
 * @param bitsPerCodeByCodebook [K] bits per code of each codebook
 * @param bitsPerSecond         bits per second of audio (= bits per code × K × frame rate)
 * @param codes                 held-out codes scored
 * @param byFile                NLL per held-out file (what the bootstrap resamples)
 */
public record HeldOutScore(
        double bitsPerCode, List<Double> bitsPerCodeByCodebook, double bitsPerSecond, long codes, FileScores byFile) {

    public HeldOutScore {
        bitsPerCodeByCodebook = List.copyOf(bitsPerCodeByCodebook);
    }
}
