package dev.rvqlm.tokenizer.legacy;

import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.CodecTraining;
import dev.rvqlm.tokenizer.Signals;
import dev.rvqlm.tokenizer.learned.LearnedShape;
import dev.rvqlm.tokenizer.learned.LearnedTraining;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import dev.rvqlm.tokenizer.shaping.NoiseFill;
import dev.rvqlm.tokenizer.shaping.Shaping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the codec-file fixtures with the code of the commit it runs in: a tiny classical and a tiny learned codec,
 * and what each gives on a fixed clip. Runs only when asked: {@code -Drvqlm.writeFixtures=DIR}. The committed files
 * were written at commit 2ae9dc7, before the tensor file moved to {@code tokens}.
 */
class WriteCodecFixtures {

    static final int RATE = 8000;

    static float[] clip() {
        return Signals.music(RATE, RATE / 2, 9);
    }

    static List<float[]> audio() {
        return List.of(Signals.music(RATE, 2 * RATE, 1), Signals.chirp(100, 3000, 0.3, RATE, 2 * RATE));
    }

    @Test
    @EnabledIfSystemProperty(named = "rvqlm.writeFixtures", matches = ".+")
    void write() throws IOException {
        Path dir = Path.of(System.getProperty("rvqlm.writeFixtures"));
        Files.createDirectories(dir);
        CodecConfig config = new CodecConfig(RATE, 80, 3, 16, new Shaping.GainShape(10, 0.5, 1.0, NoiseFill.OFF));
        try (Codec classical = new CodecTrainer(
                        config,
                        RvqTraining.defaults(3).toBuilder()
                                .iterations(5)
                                .batchSize(256)
                                .build())
                .train(audio(), p -> {})) {
            save(classical, dir, "codec-v2-classical");
        }
        CodecTraining learned = new CodecTraining.Learned(
                new LearnedShape(4, 16, 1, 1, 1, 1),
                LearnedTraining.defaults(4).toBuilder()
                        .steps(30)
                        .batch(new LearnedTraining.Batch(4, 8))
                        .learningRate(3e-3)
                        .build());
        try (Codec codec = new CodecTrainer(config, learned).train(audio(), p -> {})) {
            save(codec, dir, "codec-v2-learned");
        }
    }

    /** The codec file, and its codes and decoded audio for {@link #clip()} as text (one value a line). */
    private static void save(Codec codec, Path dir, String name) throws IOException {
        codec.save(dir.resolve(name + ".rvqcodec"));
        int[][] codes = codec.encode(clip());
        List<String> lines = new ArrayList<>();
        for (int[] stream : codes) {
            StringBuilder line = new StringBuilder();
            for (int c : stream) {
                line.append(line.length() == 0 ? "" : " ").append(c);
            }
            lines.add(line.toString());
        }
        Files.write(dir.resolve(name + ".codes.txt"), lines);
        List<String> audio = new ArrayList<>();
        for (float v : codec.decode(codes)) {
            audio.add(Float.toString(v));
        }
        Files.write(dir.resolve(name + ".decoded.txt"), audio);
    }
}
