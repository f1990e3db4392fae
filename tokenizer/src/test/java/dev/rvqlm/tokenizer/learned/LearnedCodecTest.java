package dev.rvqlm.tokenizer.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.CodecTraining;
import dev.rvqlm.tokenizer.Signals;
import dev.rvqlm.tokenizer.rvq.TrainProgress;
import dev.rvqlm.tokenizer.shaping.NoiseFill;
import dev.rvqlm.tokenizer.shaping.Shaping;
import dev.rvqlm.tokens.StreamStatistics;
import dev.rvqlm.tokens.TensorFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny learned codec end to end on generated audio: train, encode, decode, stats, files, seeds, resume. */
class LearnedCodecTest {

    static final int RATE = 16000;
    static final CodecConfig CONFIG =
            new CodecConfig(RATE, 160, 4, 16, new Shaping.GainShape(20, 0.5, 1.0, NoiseFill.OFF));
    static final LearnedShape SHAPE = new LearnedShape(8, 32, 1, 1, 1, 1);
    static Codec codec;

    @TempDir
    Path dir;

    static List<float[]> audio() {
        return List.of(
                Signals.music(RATE, 3 * RATE, 1),
                Signals.music(RATE, 3 * RATE, 2),
                Signals.chirp(100, 6000, 0.3, RATE, 2 * RATE));
    }

    static CodecTraining training(long seed, int steps) {
        LearnedTraining run = LearnedTraining.defaults(seed).toBuilder()
                .steps(steps)
                .batch(new LearnedTraining.Batch(8, 16))
                .learningRate(3e-3)
                .build();
        return new CodecTraining.Learned(SHAPE, run);
    }

    @BeforeAll
    static void train() {
        codec = new CodecTrainer(CONFIG, training(1, 160)).train(audio(), p -> {});
    }

    @AfterAll
    static void close() {
        codec.close();
    }

    @Test
    void everyPrefixDecodesAndMoreStagesReconstructBetter() {
        float[] x = audio().get(0);
        float[][] features = codec.vectors(x);
        int[][] codes = codec.encode(x);
        assertEquals(4, codes.length);
        assertEquals(features.length, codes[0].length);
        double previous = Double.MAX_VALUE;
        for (int k = 1; k <= 4; k++) {
            float[] y = codec.decode(codes, k);
            assertEquals((codes[0].length - 1) * 160, y.length);
            for (float v : y) {
                assertTrue(Float.isFinite(v), "k=" + k + " decodes to finite samples");
            }
            float[][] decoded = codec.coder().decode(codes, k);
            double error = 0;
            for (int t = 0; t < features.length; t++) {
                for (int i = 0; i < features[t].length; i++) {
                    error += Math.pow(features[t][i] - decoded[t][i], 2);
                }
            }
            assertTrue(error < previous, "feature error with k=" + k + ": " + error + " after " + previous);
            previous = error;
        }
        assertEquals("learned", codec.kind());
        assertEquals(4, codec.training().stages().size());
        assertEquals(4, codec.training().ladder().size());
        assertEquals(4, codec.training().streams().size());
    }

    @Test
    void trainsEncodesDecodesAndMeasuresItsStreams() {
        List<int[][]> tokens = audio().stream().map(codec::encode).toList();
        List<StreamStatistics.Stream> stats = StreamStatistics.measure(tokens, 16);
        assertEquals(4, stats.size());
        for (StreamStatistics.Stream s : stats) {
            assertTrue(s.entropy() > 1 && s.entropy() <= 4, "stream " + s.k() + " carries bits: " + s);
            assertTrue(
                    s.givenPrevious() <= s.entropy() + 1e-9 && s.givenPreviousFrame() <= s.entropy() + 1e-9,
                    s.toString());
        }
    }

    @Test
    void sameSeedSameCodecFileDifferentSeedDifferent() {
        try (Codec a = new CodecTrainer(CONFIG, training(5, 12)).train(audio(), p -> {});
                Codec b = new CodecTrainer(CONFIG, training(5, 12)).train(audio(), p -> {});
                Codec c = new CodecTrainer(CONFIG, training(6, 12)).train(audio(), p -> {})) {
            assertEquals(a.identity(), b.identity());
            assertNotEquals(a.identity(), c.identity());
        }
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedOneDoes() throws IOException {
        Path ckpt = dir.resolve("run.ckpt");
        try (Codec whole = new CodecTrainer(CONFIG, training(7, 12)).train(audio(), p -> {})) {
            RuntimeException stop = new RuntimeException("interrupted");
            LearnedTrainer.Checkpoints first = new LearnedTrainer.Checkpoints(ckpt, 5, false);
            RuntimeException thrown = assertThrows(
                    RuntimeException.class,
                    () -> new CodecTrainer(CONFIG, training(7, 12), first).train(audio(), p -> {
                        if (p.phase() == TrainProgress.Phase.TRAIN && p.step() == 8) {
                            throw stop;
                        }
                    }));
            assertEquals(stop, thrown);
            assertTrue(Files.exists(ckpt));
            LearnedTrainer.Checkpoints resume = new LearnedTrainer.Checkpoints(ckpt, 5, true);
            List<Integer> steps = new ArrayList<>();
            try (Codec resumed = new CodecTrainer(CONFIG, training(7, 12), resume).train(audio(), p -> {
                if (p.phase() == TrainProgress.Phase.TRAIN) {
                    steps.add(p.step());
                }
            })) {
                assertEquals(6, steps.get(0), "resumed after the checkpoint of step 5");
                assertEquals(whole.identity(), resumed.identity());
            }
        }
    }

    @Test
    void saveThenLoadGivesIdenticalCodesAndAudio() throws IOException {
        Path file = dir.resolve("learned.rvq");
        codec.save(file);
        try (Codec loaded = Codec.load(file)) {
            assertEquals(codec.identity(), loaded.identity());
            assertEquals(codec.training(), loaded.training());
            float[] x = Signals.music(RATE, RATE, 9);
            int[][] codes = codec.encode(x);
            assertArrayEquals(codes, loaded.encode(x));
            assertArrayEquals(codec.decode(codes, 3), loaded.decode(codes, 3));
        }
    }

    @Test
    void corruptOrTruncatedFilesFailWithOneLineNamingTheFile() throws IOException {
        Path good = dir.resolve("good.rvq");
        codec.save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.rvq");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 1000));
        assertMessage(cut, "truncated");
        Path flipped = dir.resolve("flipped.rvq");
        byte[] corrupt = bytes.clone();
        corrupt[bytes.length - 500] ^= 0x01;
        Files.write(flipped, corrupt);
        assertMessage(flipped, "checksum mismatch");
    }

    private static void assertMessage(Path file, String expected) {
        var e = assertThrows(TensorFileException.class, () -> Codec.load(file));
        assertTrue(
                e.getMessage().startsWith(file.toString())
                        && e.getMessage().contains(expected)
                        && !e.getMessage().contains("\n"),
                e.getMessage());
    }
}
