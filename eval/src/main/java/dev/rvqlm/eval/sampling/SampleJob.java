package dev.rvqlm.eval.sampling;

import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.lm.Sampler;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.TokenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * What {@code rvq sample} does: B samples of T frames from a model, generated as one batch, optionally continuing a
 * prompt, written as {@code sample_000.npy, ...} ([K, T] codes) and, with the codec that made the model's tokens,
 * {@code sample_000.wav, ...}.
 *
 * <pre>{@code
 * SampleJob job = new SampleJob(500, 4, 0, SampleConfig.topK(250), SampleJob.prompt(codes, 4, 150, 500));
 * SampleJob.Result r = job.run(model, Optional.of(codec), Path.of("samples"), frames -> {});
 * }</pre>
 *
 * @param timesteps T, frames per sample, prompt included
 * @param count     B, samples
 * @param seed      the sampling seed
 * @param config    temperature, top-k, top-p
 * @param prompt    [K][P] codes every sample starts with (P may be 0)
 */
public record SampleJob(int timesteps, int count, long seed, SampleConfig config, int[][] prompt) {

    public SampleJob {
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps must be at least 1, got " + timesteps);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (prompt.length > 0 && prompt[0].length > timesteps) {
            throw new IllegalArgumentException(
                    "the prompt has " + prompt[0].length + " frames, more than the " + timesteps + " to generate");
        }
    }

    /** What was written: the token files, the WAVs (none without a codec), the sampling time, frames/s. */
    public record Result(List<Path> tokens, List<Path> audio, double seconds, double framesPerSecond) {}

    /** An empty prompt for K codebooks. */
    public static int[][] noPrompt(int codebooks) {
        return new int[codebooks][0];
    }

    /**
     * The first {@code frames} frames of {@code codes} (all of them up to {@code timesteps} when negative) as the
     * prompt of a model of K codebooks; {@code source} names the codes in messages.
     */
    public static int[][] prompt(int[][] codes, int codebooks, int frames, int timesteps, String source) {
        if (codes.length != codebooks) {
            throw new IllegalArgumentException(
                    source + " has K=" + codes.length + " codebooks but the model has K=" + codebooks);
        }
        int length = codes[0].length;
        int p = frames < 0 ? Math.min(length, timesteps) : frames;
        if (p > length) {
            throw new IllegalArgumentException(
                    "the prompt length " + p + " is more than " + source + "'s " + length + " frames");
        }
        return Arrays.stream(codes).map(row -> Arrays.copyOf(row, p)).toArray(int[][]::new);
    }

    /**
     * Generates the samples and writes them into {@code out} (created if needed).
     *
     * @param codec    the codec of the model's tokens, for WAVs; a codec of other tokens is refused
     * @param progress frames done after each window
     */
    public Result run(LmModel model, Optional<Codec> codec, Path out, IntConsumer progress) throws IOException {
        if (codec.isPresent()
                && !model.tokenizerId().isEmpty()
                && !codec.get().identity().equals(model.tokenizerId())) {
            throw new IllegalArgumentException("the model was trained on tokens of codec " + model.tokenizerId()
                    + " but the codec given is " + codec.get().identity());
        }
        int[][][] prompts = new int[count][][];
        Arrays.fill(prompts, prompt);
        long t0 = System.nanoTime();
        int[][][] codes = Sampler.generate(model, prompts, timesteps, config, seed, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files.createDirectories(out);
        List<Path> tokens = new ArrayList<>();
        List<Path> audio = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            String name = String.format(Locale.ROOT, "sample_%03d", b);
            tokens.add(out.resolve(name + ".npy"));
            TokenFiles.write(tokens.get(b), codes[b], model.config().codebookSize());
            if (codec.isPresent()) {
                audio.add(out.resolve(name + ".wav"));
                AudioIO.writeWav(
                        audio.get(b), codec.get().decode(codes[b]), codec.get().sampleRate());
            }
        }
        int promptFrames = prompt.length == 0 ? 0 : prompt[0].length;
        return new Result(tokens, audio, seconds, count * (timesteps - promptFrames) / seconds);
    }
}
