package dev.rvqlm.lm;

import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.TokenCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes LM checkpoint fixtures with the code of the commit it runs in: per family a training checkpoint after
 * step 4 of 8 (with the losses of steps 5..8 of the unbroken run) and the trained model alone (with its held-out NLL
 * and seeded samples). Runs only when asked: {@code -Drvqlm.writeFixtures=DIR}. The committed {@code legacy/
 * checkpoint-v2-*} files were written by it at commit 2ae9dc7, in format 2; run today, it writes the current format.
 */
class WriteCheckpointFixtures {

    static final int[][] HELD_OUT = Tiny.codes(12, 99);

    static TokenCorpus corpus() {
        return Tiny.corpus(4, 16, 2);
    }

    @Test
    @EnabledIfSystemProperty(named = "rvqlm.writeFixtures", matches = ".+")
    void write() throws IOException {
        Path dir = Path.of(System.getProperty("rvqlm.writeFixtures"));
        Files.createDirectories(dir);
        write(dir, "interleaved", Tiny.config(), "delay");
        write(
                dir,
                "depth",
                Tiny.config().toBuilder().family(new LmFamily.Depth(8, 1, 2, 2)).build(),
                "parallel");
    }

    private static void write(Path dir, String name, LmConfig config, String pattern) throws IOException {
        Path run = Files.createTempDirectory("fixture-run");
        LmTraining training = Tiny.trainBuilder(8, 8).checkpointEvery(4).build();
        List<String> losses = new ArrayList<>();
        try (LmModel model = LmModel.create(config, 5)) {
            TrainResult result = new LmTrainer(training)
                    .train(model, corpus(), PatternSpec.parse(pattern), run, new TrainListener() {
                        @Override
                        public void onCheckpoint(int step, Path path) {
                            if (step == 3) {
                                copy(path, dir.resolve("checkpoint-v2-" + name + "-train.rvqlm"));
                            }
                        }
                    });
            Arrays.stream(result.losses()).skip(4).forEach(v -> losses.add(Double.toString(v)));
            model.save(dir.resolve("checkpoint-v2-" + name + ".rvqlm"));
            Files.write(dir.resolve("checkpoint-v2-" + name + "-train.losses.txt"), losses);
            NllResult nll = LmEvaluator.evaluate(model, List.<int[][]>of(HELD_OUT), 1);
            List<String> nats = new ArrayList<>();
            Arrays.stream(nll.nats()).forEach(v -> nats.add(Double.toString(v)));
            Files.write(dir.resolve("checkpoint-v2-" + name + ".nll.txt"), nats);
            int[][][] samples = Sampler.generate(model, 2, 10, SampleConfig.topK(4), 7);
            List<String> lines = new ArrayList<>();
            for (int[][] sample : samples) {
                for (int[] stream : sample) {
                    lines.add(Arrays.toString(stream));
                }
            }
            Files.write(dir.resolve("checkpoint-v2-" + name + ".samples.txt"), lines);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
