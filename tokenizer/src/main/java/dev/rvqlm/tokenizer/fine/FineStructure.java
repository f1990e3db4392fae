package dev.rvqlm.tokenizer.fine;

/**
 * The fine-structure part of a codec of kind {@code fine}, stored in its file: the shapes (signs and relative
 * magnitudes of the MDCT coefficients) of the lowest {@code bands} gain-shape bands join the learned encoder's latent
 * in one residual VQ, so that every stage refines both the envelope path and the waveform of the low band (where the
 * pitch harmonics of speech and the fundamentals of music lie). The decoder takes those bands' shapes from the codes
 * instead of from the network, and fills what the codes leave of each band's unit norm with seeded noise.
 *
 * <p>Why: with the exact band envelopes, noise in place of the shapes scores MR-STFT 1.06 on the dev test clips, and
 * the exact low band below 1.5 kHz with noise at 6 dB SNR 0.62 (docs/CODEC.md, "candidates").
 *
 * @param bands  the lowest gain-shape bands coded as fine structure (default 28: the 56 MDCT bins below 2.1 kHz at
 *               24 kHz, 75 frames/s and 60 bands), 1..the shaping's bands
 * @param weight   the fine part's weight in the joint VQ vector, relative to the latent (default 1: at the step the
 *                 codebooks are seeded, the fine part's RMS per dimension equals the latent's), (0, 100]
 * @param emphasis how much louder bands count in the VQ's error: each band's shape is scaled by (its RMS / the fine
 *                 bands' RMS)^emphasis (default 0: every band alike), [0, 2]
 * @param groupBins 0: every stage codes the joint vector; else stage 1 codes the latent and later stages alternate
 *                 between groups of this many fine bins and the latent ({@link StagePlan}) (default 8: a 10-bit
 *                 stage spends about a bit per coefficient), 0..1024
 */
public record FineStructure(int bands, double weight, double emphasis, int groupBins) {

    public FineStructure {
        if (bands < 1) {
            throw new IllegalArgumentException("fine-structure bands must be >= 1, got " + bands);
        }
        if (!(weight > 0 && weight <= 100)) {
            throw new IllegalArgumentException("fine-structure weight must be in (0, 100], got " + weight);
        }
        if (!(emphasis >= 0 && emphasis <= 2)) {
            throw new IllegalArgumentException("fine-structure emphasis must be in [0, 2], got " + emphasis);
        }
        if (groupBins < 0 || groupBins > 1024) {
            throw new IllegalArgumentException("fine-structure group bins must be in [0, 1024], got " + groupBins);
        }
    }

    public static FineStructure defaults() {
        return new FineStructure(28, 1.0, 0, 8);
    }
}
