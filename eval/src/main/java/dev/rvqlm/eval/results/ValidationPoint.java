package dev.rvqlm.eval.results;

/**
 * One validation of a run: where it stood in training and how well it modelled the validation files.
 *
 * @param step        optimizer steps done, from 1
 * @param flops       training FLOPs spent so far (steps × FLOPs per optimizer step)
 * @param seconds     training wall time so far (validation time excluded)
 * @param trainLoss   training loss of that step, nats per code (mean over codebooks)
 * @param bitsPerCode validation NLL, bits per code
 */
public record ValidationPoint(long step, double flops, double seconds, double trainLoss, double bitsPerCode) {}
