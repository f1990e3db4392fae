package dev.rvqlm.eval.metrics;

import dev.rvqlm.eval.results.SampleMetrics;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.metrics.LogMel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Compares sampled continuations with the real ones: token statistics always, and with a codec the decoded audio's
 * log-mel frames (Fréchet distance between their Gaussian statistics, and mel distance pair by pair). Both sides are
 * decoded by the same codec, so the codec's own error does not count. B prompts, K codebooks, C continuation frames.
 */
public final class SampleQuality {

    private SampleQuality() {}

    /**
     * @param samples             sampled continuations [B][K][C]
     * @param real                the real continuations [B][K][C]
     * @param codebookSize        N
     * @param codec               decodes codes to audio; empty skips the audio metrics
     * @param promptSeconds       for the record
     * @param continuationSeconds for the record
     */
    public static SampleMetrics measure(
            int[][][] samples,
            int[][][] real,
            int codebookSize,
            Optional<Codec> codec,
            double promptSeconds,
            double continuationSeconds) {
        if (samples.length != real.length || samples.length == 0) {
            throw new IllegalStateException("need one real continuation per sample, got " + samples.length
                    + " samples and " + real.length + " real continuations");
        }
        double[] usage = TokenStatistics.usageEntropyBits(samples, codebookSize);
        double[] realUsage = TokenStatistics.usageEntropyBits(real, codebookSize);
        double repeated = TokenStatistics.repeatedFrameRate(samples);
        double realRepeated = TokenStatistics.repeatedFrameRate(real);
        Double frechet = null;
        Double mel = null;
        if (codec.isPresent()) {
            LogMel logMel = new LogMel(codec.get().sampleRate());
            List<float[]> sampleFrames = new ArrayList<>();
            List<float[]> realFrames = new ArrayList<>();
            double melSum = 0;
            for (int b = 0; b < samples.length; b++) {
                float[] sampleAudio = codec.get().decode(samples[b]);
                float[] realAudio = codec.get().decode(real[b]);
                sampleFrames.addAll(Arrays.asList(logMel.features(sampleAudio)));
                realFrames.addAll(Arrays.asList(logMel.features(realAudio)));
                melSum += logMel.distance(realAudio, sampleAudio);
            }
            frechet = FrechetDistance.squared(
                    GaussianStats.of(sampleFrames.toArray(float[][]::new)),
                    GaussianStats.of(realFrames.toArray(float[][]::new)));
            mel = melSum / samples.length;
        }
        return new SampleMetrics(
                samples.length,
                promptSeconds,
                continuationSeconds,
                boxed(usage),
                boxed(realUsage),
                repeated,
                realRepeated,
                frechet,
                mel);
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
