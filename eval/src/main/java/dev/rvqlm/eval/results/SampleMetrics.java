package dev.rvqlm.eval.results;

import java.util.List;

/**
 * What the sampled continuations look like, beside the same statistics of the real continuations.
 *
 * @param prompts                   number of held-out prompts continued
 * @param promptSeconds             prompt length in seconds
 * @param continuationSeconds       continuation length in seconds
 * @param usageEntropyBits          code-usage entropy of the samples per codebook [K], bits
 * @param realUsageEntropyBits      the same for the real continuations [K]
 * @param repeatedFrameRate         fraction of frame transitions that repeat all K codes, samples
 * @param realRepeatedFrameRate     the same for the real continuations
 * @param logMelFrechet             squared Fréchet distance between Gaussian statistics of the log-mel frames of
 *                                  decoded samples and of the decoded real continuations; null without a codec
 * @param melDistance               mean over prompts of the log-mel distance between the decoded sample and the
 *                                  decoded real continuation; null without a codec
 */
public record SampleMetrics(
        int prompts,
        double promptSeconds,
        double continuationSeconds,
        List<Double> usageEntropyBits,
        List<Double> realUsageEntropyBits,
        double repeatedFrameRate,
        double realRepeatedFrameRate,
        Double logMelFrechet,
        Double melDistance) {

    public SampleMetrics {
        usageEntropyBits = List.copyOf(usageEntropyBits);
        realUsageEntropyBits = List.copyOf(realUsageEntropyBits);
    }
}
