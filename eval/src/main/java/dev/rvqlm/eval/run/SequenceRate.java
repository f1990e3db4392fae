package dev.rvqlm.eval.run;

import dev.rvqlm.patterns.PatternSpec;

/** How many sequence steps a pattern spends per second of audio. */
public final class SequenceRate {

    private SequenceRate() {}

    /**
     * The long-run rate: (S(2T) − S(T)) / T steps per frame × frames per second, with T = 1000 frames, so a pattern's
     * constant overhead (initial special step, maximum delay) does not count: parallel and delay give the frame rate,
     * full flattening K times it.
     */
    public static double stepsPerSecond(PatternSpec spec, int codebooks, double frameRate) {
        int t = 1000;
        int s1 = spec.pattern(codebooks, t).numSequenceSteps();
        int s2 = spec.pattern(codebooks, 2 * t).numSequenceSteps();
        return (s2 - s1) / (double) t * frameRate;
    }
}
