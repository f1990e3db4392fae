package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.rvq.DeadCodePolicy;
import dev.rvqlm.tokenizer.rvq.RvqTrainer;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import dev.rvqlm.tokenizer.rvq.TrainProgress;
import dev.rvqlm.tokenizer.shaping.FrameShaper;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a {@link Codec}: every clip is analysed (MDCT, shaping) into D-vectors, then {@link RvqTrainer} learns
 * the K codebooks. The same data, config and seed give the same codec file byte for byte on one machine.
 */
public final class CodecTrainer {

    private final CodecConfig config;
    private final RvqTraining training;

    public CodecTrainer(CodecConfig config, RvqTraining training) {
        this.config = config;
        this.training = training;
    }

    /**
     * @param clips mono audio at the codec's sample rate, at least one non-empty clip
     * @param listener progress reports (initialisation per stage, then one per iteration)
     */
    public Codec train(List<float[]> clips, TrainProgress.Listener listener) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("no training audio");
        }
        FrameShaper shaper = new FrameShaper(config.shaping(), config.hop(), config.sampleRate());
        List<float[][]> perClip = clips.parallelStream()
                .map(clip -> Codec.analysisVectors(config, shaper, clip))
                .toList();
        List<float[]> all = new ArrayList<>();
        long samples = 0;
        for (int i = 0; i < clips.size(); i++) {
            samples += clips.get(i).length;
            for (float[] v : perClip.get(i)) {
                all.add(v);
            }
        }
        if (samples == 0) {
            throw new IllegalArgumentException("the training audio is empty");
        }
        float[][] data = all.toArray(float[][]::new);
        RvqTrainer.Result result = new RvqTrainer(config.codebooks(), config.codebookSize(), training)
                .train(data, listener);
        String deadCodes = training.deadCodes() instanceof DeadCodePolicy.Reset r
                ? "reset below EMA count " + r.threshold() : "keep";
        TrainingSummary summary = new TrainingSummary(training.seed(), training.iterations(), training.batchSize(),
                training.decay(), training.init().name(), deadCodes, training.dropout(), data.length,
                (double) samples / config.sampleRate(), result.diagnostics());
        return Codec.of(config, result.codebooks(), summary);
    }
}
