package dev.rvqlm.tokenizer.rvq;

/**
 * Quality of one codebook measured on a sample of training vectors after training.
 *
 * @param stage        0-based codebook index k
 * @param perplexity   exp(entropy of the code usage distribution), in [1, N]; N means all codes equally used
 * @param usagePercent share of the N codes chosen at least once on the sample
 * @param deadCodes    codes never chosen on the sample
 * @param residualRms  RMS of the residual after stages 0..k (per vector element)
 * @param relativeResidualDb residual energy after stages 0..k relative to the input energy, in dB (negative)
 */
public record StageDiagnostics(
        int stage,
        double perplexity,
        double usagePercent,
        int deadCodes,
        double residualRms,
        double relativeResidualDb) {}
