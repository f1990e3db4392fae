package dev.rvqlm.lm;

/**
 * What one optimizer step reports.
 *
 * @param step            0-based index of the step just done
 * @param steps           steps of the whole run
 * @param loss            mean over codebooks of the per-codebook NLL (nats), averaged over accumulated micro-batches
 * @param nllPerCodebook  [K] training NLL per codebook (nats per code)
 * @param learningRate    the rate this step used
 * @param gradNorm        global gradient norm before clipping
 * @param tokensPerSecond B·S·K codes per second (moving average), the yardstick's definition
 * @param elapsedSeconds  wall time since this run (or resume) started
 * @param etaSeconds      estimated time to the last step
 */
public record StepMetrics(
        int step,
        int steps,
        double loss,
        double[] nllPerCodebook,
        double learningRate,
        double gradNorm,
        double tokensPerSecond,
        double elapsedSeconds,
        double etaSeconds) {}
