package dev.rvqlm.patterns;

/**
 * Per-cell score vectors (e.g. logits over the N codes) aligned to the K×T code grid.
 *
 * @param scores [K][T][V] scores, the fill value where {@code mask} is false
 * @param mask   [K][T] true where a model output predicts that code (the loss mask)
 */
public record ScoreGrid(float[][][] scores, boolean[][] mask) {}
