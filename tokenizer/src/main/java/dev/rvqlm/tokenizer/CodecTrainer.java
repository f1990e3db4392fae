package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.fine.FineLayout;
import dev.rvqlm.tokenizer.fine.FineStructure;
import dev.rvqlm.tokenizer.learned.LearnedSettings;
import dev.rvqlm.tokenizer.learned.LearnedShape;
import dev.rvqlm.tokenizer.learned.LearnedTrainer;
import dev.rvqlm.tokenizer.learned.LearnedTraining;
import dev.rvqlm.tokenizer.rvq.DeadCodePolicy;
import dev.rvqlm.tokenizer.rvq.RvqTrainer;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import dev.rvqlm.tokenizer.rvq.TrainProgress;
import dev.rvqlm.tokenizer.shaping.FrameShaper;
import dev.rvqlm.tokenizer.shaping.Shaping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains a {@link Codec} of either kind: every clip is analysed (MDCT, shaping) into D-vectors, then
 * {@link RvqTrainer} learns K codebooks on them (classical) or {@link LearnedTrainer} learns encoder, latent RVQ
 * and decoder (learned). Afterwards the codec's diagnostics ({@link CodecDiagnostics}) are measured on the training
 * audio (usage on up to {@link #USAGE_SECONDS}, the ladder on up to {@link #DIAGNOSTIC_SECONDS}) and stored with it. The same data, config and seed give the
 * same codec file byte for byte on one machine.
 */
public final class CodecTrainer {

    /** Seconds of training audio the stored bitrate ladder (decoded with every k) is measured on. */
    public static final double DIAGNOSTIC_SECONDS = 180;

    /**
     * Up to this much training audio is encoded to count each stage's code usage, dead codes and stream statistics.
     * Encoding alone is cheap (over 100× real time), and a small sample overstates dead codes: with the 180 s of the
     * ladder, a code used once in 5,000 frames is missed with probability 7%.
     */
    public static final double USAGE_SECONDS = 3600;

    private final CodecConfig config;
    private final CodecTraining training;
    private final LearnedTrainer.Checkpoints checkpoints;

    public CodecTrainer(CodecConfig config, CodecTraining training) {
        this(config, training, LearnedTrainer.Checkpoints.NONE);
    }

    /** A classical codec's trainer (the RVQ's settings alone). */
    public CodecTrainer(CodecConfig config, RvqTraining training) {
        this(config, new CodecTraining.Classical(training));
    }

    /** @param checkpoints where a learned codec checkpoints and whether it resumes (ignored by classical codecs) */
    public CodecTrainer(CodecConfig config, CodecTraining training, LearnedTrainer.Checkpoints checkpoints) {
        this.config = config;
        this.training = training;
        this.checkpoints = checkpoints;
    }

    /**
     * @param clips mono audio at the codec's sample rate, at least one non-empty clip
     * @param listener progress reports (initialisation, then one per step)
     */
    public Codec train(List<float[]> clips, TrainProgress.Listener listener) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("no training audio");
        }
        FrameShaper shaper = new FrameShaper(config.shaping(), config.hop(), config.sampleRate());
        List<float[][]> perClip = clips.parallelStream()
                .map(clip -> Codec.analysisVectors(config, shaper, clip))
                .toList();
        long samples = clips.stream().mapToLong(c -> c.length).sum();
        long frames = perClip.stream().mapToLong(c -> c.length).sum();
        requireEnoughAudio(samples, frames);
        double seconds = (double) samples / config.sampleRate();
        Trained trained = training instanceof CodecTraining.Classical c
                ? classical(c.rvq(), perClip, frames, listener)
                : learned(shaper, perClip, listener);
        FeatureCoder coder = trained.coder();
        String settings = trained.settings();
        TrainingSummary plain =
                TrainingSummary.undiagnosed(training.kind(), training.seed(), settings, frames, seconds);
        Codec undiagnosed = Codec.of(config, coder, plain);
        CodecDiagnostics.Result d = CodecDiagnostics.measure(
                undiagnosed,
                CodecDiagnostics.sample(clips, config.sampleRate(), DIAGNOSTIC_SECONDS),
                CodecDiagnostics.sample(clips, config.sampleRate(), USAGE_SECONDS));
        return undiagnosed.withTraining(plain.withDiagnostics(d));
    }

    /** A trained coder and the sentence that says how it was trained. */
    private record Trained(FeatureCoder coder, String settings) {}

    private void requireEnoughAudio(long samples, long frames) {
        if (samples == 0) {
            throw new IllegalArgumentException("the training audio is empty");
        }
        if (frames < config.codebookSize()) {
            // k-means++ cannot seed N distinct codes from fewer frames; the codec would be mostly dead codes
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "the training audio gives %d frames, fewer "
                            + "than the N=%d codes of a stage: give at least %.1f s of audio or a smaller --codebook-size",
                    frames,
                    config.codebookSize(),
                    config.codebookSize() / config.frameRate()));
        }
    }

    private Trained classical(RvqTraining rvq, List<float[][]> perClip, long frames, TrainProgress.Listener listener) {
        List<float[]> all = new ArrayList<>();
        perClip.forEach(v -> all.addAll(List.of(v)));
        FeatureCoder coder = new ClassicalCoder(new RvqTrainer(config.codebooks(), config.codebookSize(), rvq)
                .train(all.toArray(float[][]::new), listener)
                .codebooks());
        String settings = String.format(
                Locale.ROOT,
                "EMA RVQ: %d iterations x %d frames, decay %.3f, init %s, dead "
                        + "codes: %s, dropout %.2f, zero codeword reserved in stages 2..K",
                rvq.iterations(),
                Math.min((long) rvq.batchSize(), frames),
                rvq.decay(),
                rvq.init().name(),
                rvq.deadCodes() instanceof DeadCodePolicy.Reset r ? "reset below EMA count " + r.threshold() : "keep",
                rvq.dropout());
        return new Trained(coder, settings);
    }

    /** The learned codec, or the fine one (the learned codec whose RVQ also codes fine structure). */
    private Trained learned(FrameShaper shaper, List<float[][]> perClip, TrainProgress.Listener listener) {
        LearnedShape shape =
                training instanceof CodecTraining.Fine f ? f.shape() : ((CodecTraining.Learned) training).shape();
        LearnedTraining run =
                training instanceof CodecTraining.Fine f ? f.run() : ((CodecTraining.Learned) training).run();
        FineLayout fine = training instanceof CodecTraining.Fine f ? fineLayout(config, shaper, f.fine()) : null;
        int envelopeDims = config.shaping() instanceof Shaping.GainShape g ? g.bands() : 0;
        try {
            FeatureCoder coder =
                    new LearnedTrainer(config, shape, run, fine).train(perClip, envelopeDims, listener, checkpoints);
            return new Trained(coder, LearnedSettings.describe(shape, run, fine == null ? null : fine.structure()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fine layout of a fine-kind codec; its shaping must be gain-shape. */
    static FineLayout fineLayout(CodecConfig config, FrameShaper shaper, FineStructure fine) {
        if (!(config.shaping() instanceof Shaping.GainShape g)) {
            throw new IllegalArgumentException("a fine codec needs gain-shape shaping, got "
                    + config.shaping().spec());
        }
        return FineLayout.of(fine, shaper.layout(), g);
    }
}
