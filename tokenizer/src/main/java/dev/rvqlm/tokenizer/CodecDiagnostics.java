package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.metrics.LogMel;
import dev.rvqlm.tokenizer.rvq.StageDiagnostics;
import dev.rvqlm.tokens.StreamStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures a codec's streams on some clips, for either kind: per stage its perplexity, usage and dead codes; the
 * feature-domain error and log-mel distance after the first k stages (the bitrate ladder); each stream's entropy
 * and its dependence on the stream before it ({@link StreamStatistics}).
 */
public final class CodecDiagnostics {

    /**
     * Diagnostics of one codec: the ladder and the feature-domain error on {@code ladderSeconds} of audio, usage
     * and stream statistics on the codes of {@code usageSeconds}.
     */
    public record Result(
            List<StageDiagnostics> stages,
            List<TrainingSummary.LadderPoint> ladder,
            List<StreamStatistics.Stream> streams,
            double usageSeconds,
            double ladderSeconds) {}

    private CodecDiagnostics() {}

    /** Ladder and usage on the same clips (mono audio at the codec's rate). */
    public static Result measure(Codec codec, List<float[]> clips) {
        return measure(codec, clips, clips);
    }

    /**
     * @param clips      mono audio at the codec's rate, decoded with every k for the ladder (keep it short)
     * @param usageClips mono audio whose codes count usage, dead codes and stream statistics (only encoded, so it can
     *                   be long: a small sample counts rarely used codes as dead)
     */
    public static Result measure(Codec codec, List<float[]> clips, List<float[]> usageClips) {
        int kMax = codec.codebooks();
        int size = codec.codebookSize();
        LogMel logMel = new LogMel(codec.sampleRate());
        double[] squaredError = new double[kMax];
        double[] melSum = new double[kMax];
        double energy = 0;
        long elements = 0;
        List<int[][]> allCodes = new ArrayList<>();
        for (float[] clip : clips) {
            float[][] features = codec.vectors(clip);
            int[][] codes = codec.coder().encode(features);
            allCodes.add(codes);
            for (float[] f : features) {
                for (float v : f) {
                    energy += (double) v * v;
                }
                elements += f.length;
            }
            for (int k = 1; k <= kMax; k++) {
                float[][] decoded = codec.coder().decode(codes, k);
                for (int t = 0; t < features.length; t++) {
                    for (int i = 0; i < features[t].length; i++) {
                        double d = features[t][i] - decoded[t][i];
                        squaredError[k - 1] += d * d;
                    }
                }
                melSum[k - 1] += logMel.distance(clip, codec.decodeFeatures(decoded));
            }
        }
        double meanEnergy = energy / Math.max(1, elements);
        List<int[][]> usageCodes = usageClips == clips
                ? allCodes
                : usageClips.parallelStream().map(codec::encode).toList();
        List<StreamStatistics.Stream> streams = StreamStatistics.measure(usageCodes, size);
        List<StageDiagnostics> stages = new ArrayList<>();
        List<TrainingSummary.LadderPoint> ladder = new ArrayList<>();
        for (int k = 0; k < kMax; k++) {
            double mse = squaredError[k] / Math.max(1, elements);
            double db = meanEnergy > 0 && mse > 0 ? 10 * Math.log10(mse / meanEnergy) : 0;
            StreamStatistics.Stream s = streams.get(k);
            int used = (int) Math.round(s.usage() * size);
            stages.add(new StageDiagnostics(k, s.perplexity(), 100 * s.usage(), size - used, Math.sqrt(mse), db));
            ladder.add(new TrainingSummary.LadderPoint(
                    k + 1, codec.bitrate(k + 1) / 1000, db, melSum[k] / Math.max(1, clips.size())));
        }
        return new Result(stages, ladder, streams, seconds(usageClips, codec), seconds(clips, codec));
    }

    private static double seconds(List<float[]> clips, Codec codec) {
        return clips.stream().mapToLong(c -> c.length).sum() / (double) codec.sampleRate();
    }

    /**
     * Up to {@code seconds} of audio from {@code clips}, so diagnostics stay cheap on large training sets: an equal
     * slice from the middle of every clip (at least one second each; every stride-th clip when there are more
     * clips than seconds). Slices from all clips, not whole clips from a few: a code that serves material the
     * sample leaves out would count as dead (with 62 dev-corpus clips, the first 11 s of every fourth clip left a
     * quarter of stage 1's codes unused although every one of them was used on the full training set).
     */
    public static List<float[]> sample(List<float[]> clips, int sampleRate, double seconds) {
        long budget = (long) (seconds * sampleRate);
        long total = clips.stream().mapToLong(c -> c.length).sum();
        if (total <= budget) {
            return clips;
        }
        int stride = Math.max(1, (int) Math.ceil(clips.size() / Math.max(1.0, seconds)));
        int taken = (clips.size() + stride - 1) / stride;
        long per = Math.max(sampleRate, budget / taken);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < clips.size() && budget > 0; i += stride) {
            float[] c = clips.get(i);
            int n = (int) Math.min(c.length, Math.min(per, budget));
            int from = (c.length - n) / 2;
            out.add(n == c.length ? c : Arrays.copyOfRange(c, from, from + n));
            budget -= n;
        }
        return out;
    }
}
