package dev.rvqlm.eval.results;

import java.util.List;

/**
 * The unigram baseline of one split's test codes: each codebook's code distribution counted on the training files
 * (add-½ smoothing) and scored on the test codes. A model that scores a codebook above it has learnt nothing there
 * that carries over to new files.
 *
 * @param seed           the seed whose split this is (every seed shares the first seed's split unless resplit)
 * @param bitsByCodebook [K] bits per code
 */
public record TestUnigram(long seed, List<Double> bitsByCodebook) {

    public TestUnigram {
        bitsByCodebook = List.copyOf(bitsByCodebook);
    }

    /** The mean over codebooks: bits per code. */
    public double bitsPerCode() {
        return bitsByCodebook.stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
    }
}
