package dev.rvqlm.eval.run;

import dev.rvqlm.lm.SampleConfig;

/**
 * How the sample-based metrics and the sampling speed are measured.
 *
 * @param prompts             held-out prompts continued by each model (also the large batch for the speed figure);
 *                            0 skips sampling
 * @param promptSeconds       prompt length in seconds of audio (default 2, > 0)
 * @param continuationSeconds continuation length in seconds (default 4, > 0)
 * @param sample              sampler settings (default temperature 1, top-k 250, as MusicGen)
 * @param largeBatch          batch of the second real-time-factor figure (default 8)
 */
public record SamplingPlan(
        int prompts, double promptSeconds, double continuationSeconds, SampleConfig sample, int largeBatch) {

    public SamplingPlan {
        if (prompts < 0) {
            throw new IllegalArgumentException("prompts must be at least 0, got " + prompts);
        }
        if (!(promptSeconds > 0) || !(continuationSeconds > 0)) {
            throw new IllegalArgumentException("prompt and continuation seconds must be positive, got " + promptSeconds
                    + " and " + continuationSeconds);
        }
        if (sample == null) {
            throw new IllegalArgumentException("sample config must be given");
        }
        if (largeBatch < 1) {
            throw new IllegalArgumentException("largeBatch must be at least 1, got " + largeBatch);
        }
    }

    public static SamplingPlan defaults() {
        return new SamplingPlan(8, 2.0, 4.0, SampleConfig.topK(SampleConfig.DEFAULT_TOP_K), 8);
    }

    /** Frames of the prompt at a frame rate (at least 1). */
    public int promptFrames(double frameRate) {
        return Math.max(1, (int) Math.round(promptSeconds * frameRate));
    }

    /** Frames of the continuation at a frame rate (at least 1). */
    public int continuationFrames(double frameRate) {
        return Math.max(1, (int) Math.round(continuationSeconds * frameRate));
    }
}
