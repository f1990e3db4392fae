package dev.rvqlm.patterns;

/**
 * Builds the {@link Pattern} of one interleaving for a given number of timesteps (AudioCraft's
 * {@code CodebooksPatternProvider}). Providers are small validated records; {@link Pattern} owns build and revert.
 */
public sealed interface PatternProvider
        permits ParallelPattern, DelayPattern, UnrolledPattern, CoarseFirstPattern, MusicLmPattern {

    /** K, the number of codebooks the patterns interleave. */
    int codebooks();

    /** The layout for T timesteps. */
    Pattern pattern(int timesteps);
}
