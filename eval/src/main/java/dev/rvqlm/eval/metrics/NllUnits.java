package dev.rvqlm.eval.metrics;

/**
 * Conversions of a held-out negative log-likelihood between the units a report needs. A model that assigns every
 * one of N codes probability 1/N scores ln N nats, i.e. log2 N bits, per code.
 */
public final class NllUnits {

    private static final double LN2 = Math.log(2);

    private NllUnits() {}

    /** Bits per code from a sum of nats over {@code count} scored codes. */
    public static double bitsPerCode(double natsSum, long count) {
        if (count < 1) {
            throw new IllegalArgumentException("no scored codes (count " + count + "): cannot average the NLL");
        }
        if (!Double.isFinite(natsSum) || natsSum < 0) {
            throw new IllegalArgumentException("NLL sum must be a finite number of nats >= 0, got " + natsSum);
        }
        return natsSum / count / LN2;
    }

    /** Nats to bits. */
    public static double natsToBits(double nats) {
        return nats / LN2;
    }

    /**
     * Bits per second of audio: bits per code × K codes per frame × frames per second (= codes per second).
     */
    public static double bitsPerSecond(double bitsPerCode, int codebooks, double frameRate) {
        return bitsPerCode * codesPerSecond(codebooks, frameRate);
    }

    /** Codes per second of audio: K × frame rate. */
    public static double codesPerSecond(int codebooks, double frameRate) {
        if (codebooks < 1) {
            throw new IllegalArgumentException("K (codebooks) must be at least 1, got " + codebooks);
        }
        if (!(frameRate > 0) || !Double.isFinite(frameRate)) {
            throw new IllegalArgumentException("frame rate must be a positive number of frames/s, got " + frameRate);
        }
        return codebooks * frameRate;
    }

    /** The NLL of the uniform model over N codes, in bits per code: log2 N. */
    public static double uniformBitsPerCode(int codebookSize) {
        if (codebookSize < 1) {
            throw new IllegalArgumentException("codebook size N must be at least 1, got " + codebookSize);
        }
        return Math.log(codebookSize) / LN2;
    }
}
