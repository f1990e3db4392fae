package dev.rvqlm.tokens.synth;

/**
 * The shape of a synthetic token source with known entropy (see {@link MarkovSource}).
 *
 * @param codebooks    K streams, 1..8
 * @param codebookSize N codes per stream, 2..4096; N^K must stay within {@link #MAX_STATES} so the entropies can be
 *                     computed exactly
 * @param support      codes each conditional table puts its mass on (sparse tables), 1..N
 * @param floor        share of every conditional spread uniformly over all N codes, in (0, 1): keeps the chain
 *                     ergodic, so it has one stationary distribution
 * @param ownPast      true: stream k ≥ 1 also depends on its own previous code (the default); false: only on stream
 *                     k−1 of the same frame (a simpler source, learnt in fewer steps)
 * @param seed         draws the tables
 * @param firstSupport codes each row of stream 0's table (its chain in time) puts its mass on, 1..N; 0 means
 *                     {@code support} (as in descriptions written before this setting existed)
 */
public record SynthSourceConfig(
        int codebooks, int codebookSize, int support, double floor, boolean ownPast, long seed, int firstSupport) {

    /** Largest N^K of frame states for which the stationary distribution is computed exactly. */
    public static final long MAX_STATES = 1L << 22;

    public SynthSourceConfig {
        if (codebooks < 1 || codebooks > 8) {
            throw new IllegalArgumentException("codebooks (K) must be in 1..8, got " + codebooks);
        }
        if (codebookSize < 2 || codebookSize > 4096) {
            throw new IllegalArgumentException("codebook size (N) must be in 2..4096, got " + codebookSize);
        }
        if (support < 1 || support > codebookSize) {
            throw new IllegalArgumentException("support must be in 1..N=" + codebookSize + ", got " + support);
        }
        if (firstSupport == 0) {
            firstSupport = support;
        }
        if (firstSupport < 1 || firstSupport > codebookSize) {
            throw new IllegalArgumentException(
                    "stream 0's support must be in 1..N=" + codebookSize + ", got " + firstSupport);
        }
        if (!(floor > 0 && floor < 1)) {
            throw new IllegalArgumentException("floor must be in (0, 1), got " + floor);
        }
        if (states(codebooks, codebookSize) > MAX_STATES) {
            throw new IllegalArgumentException("N^K = " + codebookSize + "^" + codebooks + " frame states exceed "
                    + MAX_STATES + ", too many to compute the entropies exactly: use fewer or smaller codebooks");
        }
    }

    /** A source whose stream 0 has the same support as the others. */
    public SynthSourceConfig(int codebooks, int codebookSize, int support, double floor, boolean ownPast, long seed) {
        this(codebooks, codebookSize, support, floor, ownPast, seed, support);
    }

    /** K=4, N=16, 3 codes per table, a 2% uniform floor: the calibration corpus of the eval issue. */
    public static SynthSourceConfig defaults(long seed) {
        return new SynthSourceConfig(4, 16, 3, 0.02, true, seed);
    }

    /**
     * A source with strong dependence across streams and little in time, as a codec's finer stages depend on its
     * coarser ones: stream 0 is a chain in time whose rows spread over all N=16 codes, and each stream k ≥ 1 is nearly
     * a function of stream k−1 in the same frame (one code per row plus a 5% floor, no dependence on its own past).
     * A model that predicts a frame's codes independently (parallel) pays stream 0's uncertainty again in every
     * stream: for seed 0, 3.115 bits/code against the exact 1.228 (the default source: 2.499 against 1.360).
     */
    public static SynthSourceConfig coupled(long seed) {
        return new SynthSourceConfig(4, 16, 1, 0.05, false, seed, 16);
    }

    /** A source by name: {@code default} ({@link #defaults}) or {@code coupled} ({@link #coupled}). */
    public static SynthSourceConfig preset(String name, long seed) {
        return switch (name) {
            case "default" -> defaults(seed);
            case "coupled" -> coupled(seed);
            default -> throw new IllegalArgumentException("source must be 'default' or 'coupled', got '" + name + "'");
        };
    }

    /** N^K, saturating at Long.MAX_VALUE. */
    static long states(int codebooks, int codebookSize) {
        long s = 1;
        for (int k = 0; k < codebooks; k++) {
            if (s > Long.MAX_VALUE / codebookSize) {
                return Long.MAX_VALUE;
            }
            s *= codebookSize;
        }
        return s;
    }
}
