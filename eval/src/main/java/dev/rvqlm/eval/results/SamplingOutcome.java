package dev.rvqlm.eval.results;

/**
 * What sampling a run's model costs and gives.
 *
 * @param sequenceStepsPerSecond sequential model steps per second of audio (the pattern's long-run rate; a depth
 *                               model counts its K depth steps per frame too)
 * @param rtfBatch1              sampling wall time per second of generated audio at batch 1
 * @param largeBatch             the larger batch timed
 * @param rtfLargeBatch          sampling wall time per second of generated audio at that batch (all samples' audio
 *                               counted)
 * @param metrics                what the samples look like beside the real continuations
 */
public record SamplingOutcome(
        double sequenceStepsPerSecond, double rtfBatch1, int largeBatch, double rtfLargeBatch, SampleMetrics metrics) {}
