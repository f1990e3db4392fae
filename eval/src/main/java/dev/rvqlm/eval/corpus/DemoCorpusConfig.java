package dev.rvqlm.eval.corpus;

/**
 * What the built-in demo corpus holds: {@code pieces} procedurally generated pieces of about {@code secondsPerPiece}
 * seconds each, all drawn from one {@code seed}.
 *
 * @param seed            the run seed; piece i draws from its own child generator, so the same seed gives the same
 *                        notes (and, with the same JDK sound bank, the same audio)
 * @param pieces          number of pieces, 1..1000; default 12
 * @param secondsPerPiece target length of each piece in seconds, 2..600; default 15 (12 × 15 s = 3 minutes, enough
 *                        for a small codec and LM and quick to render)
 */
public record DemoCorpusConfig(long seed, int pieces, double secondsPerPiece) {

    public static final int DEFAULT_PIECES = 12;
    public static final double DEFAULT_SECONDS_PER_PIECE = 15.0;

    public DemoCorpusConfig {
        if (pieces < 1 || pieces > 1000) {
            throw new IllegalArgumentException("pieces must be in 1..1000, got " + pieces);
        }
        if (!(secondsPerPiece >= 2.0 && secondsPerPiece <= 600.0)) {
            throw new IllegalArgumentException("secondsPerPiece must be in 2..600 seconds, got " + secondsPerPiece);
        }
    }

    /** The default corpus for a seed: 12 pieces of 15 s. */
    public static DemoCorpusConfig defaults(long seed) {
        return new DemoCorpusConfig(seed, DEFAULT_PIECES, DEFAULT_SECONDS_PER_PIECE);
    }
}
