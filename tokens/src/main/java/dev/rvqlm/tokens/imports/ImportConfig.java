package dev.rvqlm.tokens.imports;

/**
 * What imported arrays mean, since a bare {@code .npy} does not say.
 *
 * @param frameRate    frames per second of the codec that made the codes, > 0
 * @param sampleRate   audio sample rate of that codec in Hz, > 0 (recorded in the manifest)
 * @param codebookSize N: every code must be in [0, N)
 * @param codebooks    keep the first K rows of each array (an RVQ prefix); 0 keeps all (then every file must have the
 *                     same K)
 * @param source       what made the codes, recorded as the manifest's codec identity (e.g. {@code encodec_24khz});
 *                     eval refuses to compare runs on tokens of different sources
 */
public record ImportConfig(double frameRate, int sampleRate, int codebookSize, int codebooks, String source) {

    public ImportConfig {
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("frame rate must be a positive number, got " + frameRate);
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (codebookSize < 2) {
            throw new IllegalArgumentException("codebook size (N) must be at least 2, got " + codebookSize);
        }
        if (codebooks < 0) {
            throw new IllegalArgumentException("codebooks (K) must be at least 1 (or 0: all), got " + codebooks);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("the source of the codes must be named");
        }
    }
}
