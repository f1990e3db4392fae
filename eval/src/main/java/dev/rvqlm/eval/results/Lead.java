package dev.rvqlm.eval.results;

/**
 * Which model leads at one compute level of the frontier: the lowest mean envelope, and whether its lead is resolved
 * (its paired gap to every other model has a 95% interval below 0).
 *
 * @param flops    the compute level, training FLOPs
 * @param leader   the model with the lowest mean bits/s there
 * @param resolved whether the lead is resolved against every other model
 * @param runnerUp the model with the next-lowest mean (null with one model)
 */
public record Lead(double flops, String leader, boolean resolved, String runnerUp) {}
