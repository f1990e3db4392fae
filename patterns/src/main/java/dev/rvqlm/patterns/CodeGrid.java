package dev.rvqlm.patterns;

/**
 * A grid of codes with its validity mask: [K][S] for a built sequence, [K][T] for reverted codes.
 *
 * @param values codes, the special token where {@code mask} is false
 * @param mask   true where the cell holds a real code
 */
public record CodeGrid(int[][] values, boolean[][] mask) {}
