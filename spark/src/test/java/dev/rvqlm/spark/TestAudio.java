package dev.rvqlm.spark;

import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import dev.rvqlm.tokenizer.shaping.Shaping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small audio files and a tiny classical codec, made by the tests (K=2, N=16 at 16 kHz). */
final class TestAudio {

    static final int RATE = 16000;

    private TestAudio() {}

    /** A tone with a little noise: different for every seed. */
    static float[] clip(long seed, double seconds) {
        SplittableRandom r = new SplittableRandom(seed);
        double f = 150 + 400 * r.nextDouble();
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / RATE) + 0.02 * r.nextGaussian());
        }
        return x;
    }

    /** {@code n} WAV files, half in {@code dir/speech/}, half in {@code dir/music/}; returns the directory. */
    static Path corpus(Path dir, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Path file = dir.resolve(i % 2 == 0 ? "speech" : "music").resolve("clip" + i + ".wav");
            Files.createDirectories(file.getParent());
            AudioIO.writeWav(file, clip(i, 0.5 + 0.1 * i), RATE);
        }
        return dir;
    }

    /** Trains and saves a tiny codec; returns its file. */
    static Path codec(Path dir) throws IOException {
        List<float[]> clips = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clips.add(clip(100 + i, 2));
        }
        Path file = dir.resolve("codec.rvq");
        Files.createDirectories(dir);
        try (Codec codec = new CodecTrainer(
                        new CodecConfig(RATE, 160, 2, 16, new Shaping.Plain()),
                        RvqTraining.defaults(7).toBuilder()
                                .iterations(10)
                                .batchSize(256)
                                .build())
                .train(clips, p -> {})) {
            codec.save(file);
        }
        return file;
    }
}
