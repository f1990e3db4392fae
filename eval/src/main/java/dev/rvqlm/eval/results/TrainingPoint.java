package dev.rvqlm.eval.results;

/**
 * One point of a training curve.
 *
 * @param step    optimizer step, from 1
 * @param loss    training loss at that step in nats per code (mean over codebooks)
 * @param seconds training wall time so far
 */
public record TrainingPoint(long step, double loss, double seconds) {}
