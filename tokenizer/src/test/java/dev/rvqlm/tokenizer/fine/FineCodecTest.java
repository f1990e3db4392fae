package dev.rvqlm.tokenizer.fine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecDescription;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.CodecTraining;
import dev.rvqlm.tokenizer.Signals;
import dev.rvqlm.tokenizer.learned.LearnedShape;
import dev.rvqlm.tokenizer.learned.LearnedTrainer;
import dev.rvqlm.tokenizer.learned.LearnedTraining;
import dev.rvqlm.tokenizer.metrics.Stft;
import dev.rvqlm.tokenizer.metrics.WaveformMetrics;
import dev.rvqlm.tokenizer.rvq.TrainProgress;
import dev.rvqlm.tokenizer.shaping.FrameShaper;
import dev.rvqlm.tokenizer.shaping.NoiseFill;
import dev.rvqlm.tokenizer.shaping.Shaping;
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

/** A tiny codec of kind fine end to end on generated audio: a tone's waveform, prefixes, files, resume. */
class FineCodecTest {

    static final int RATE = 16000;
    // 3.1 periods per 10-ms hop: the tone's MDCT frames cycle through ten phases, so a decoder must be told the signs
    static final double TONE_HZ = 310;
    static final CodecConfig CONFIG = CodecConfig.defaults().toBuilder()
            .sampleRate(RATE)
            .hop(160)
            .codebooks(4)
            .codebookSize(16)
            .shaping(new Shaping.GainShape(20, 0.5, 1.0, NoiseFill.OFF))
            .build();
    static final LearnedShape SHAPE = LearnedShape.defaults().toBuilder()
            .latent(8)
            .hidden(32)
            .encoderPast(1)
            .build();
    static final FineStructure FINE = new FineStructure(6, 1.0, 0, 0);
    static Codec codec;

    @TempDir
    Path dir;

    static List<float[]> audio() {
        return List.of(
                Signals.music(RATE, 2 * RATE, 1),
                Signals.sine(TONE_HZ, 0.4, RATE, 2 * RATE),
                Signals.chirp(100, 6000, 0.3, RATE, 2 * RATE));
    }

    static CodecTraining training(long seed, int steps) {
        LearnedTraining run = LearnedTraining.defaults(seed).toBuilder()
                .steps(steps)
                .batch(new LearnedTraining.Batch(8, 16))
                .learningRate(3e-3)
                .build();
        return new CodecTraining.Fine(SHAPE, FINE, run);
    }

    @BeforeAll
    static void train() {
        codec = new CodecTrainer(CONFIG, training(1, 120)).train(audio(), p -> {});
    }

    @AfterAll
    static void close() {
        codec.close();
    }

    @Test
    void aPureToneDecodesAsItsOwnWaveformAtItsOwnFrequencyWhereTheLearnedKindLosesIt() {
        CodecTraining.Fine fine = (CodecTraining.Fine) training(1, 120);
        double learnedSiSnr;
        try (Codec learned =
                new CodecTrainer(CONFIG, new CodecTraining.Learned(SHAPE, fine.run())).train(audio(), p -> {})) {
            learnedSiSnr = toneSiSnr(learned);
        }
        double fineSiSnr = toneSiSnr(codec);
        // measured: 4.5 dB against -23.9 dB (the learned decoder guesses the shapes of the low bands)
        assertTrue(
                fineSiSnr > 0 && fineSiSnr > learnedSiSnr + 10,
                "fine " + fineSiSnr + " dB, learned " + learnedSiSnr + " dB");
        float[] decoded = codec.decode(codec.encode(Signals.sine(TONE_HZ, 0.4, RATE, RATE)));
        float[] row = new Stft(4096, 1024).magnitude(decoded)[8];
        int peak = 0;
        for (int k = 1; k < row.length; k++) {
            peak = row[k] > row[peak] ? k : peak;
        }
        assertEquals(TONE_HZ, peak * (double) RATE / 4096, RATE / 4096.0, "the peak's frequency");
    }

    /** SI-SNR of the tone decoded with all stages, without the clip's edges (they hold half frames). */
    private static double toneSiSnr(Codec c) {
        float[] tone = Signals.sine(TONE_HZ, 0.4, RATE, RATE);
        float[] decoded = c.decode(c.encode(tone));
        return WaveformMetrics.siSnr(
                Arrays.copyOfRange(tone, 160, tone.length - 320), Arrays.copyOfRange(decoded, 160, tone.length - 320));
    }

    @Test
    void everyPrefixDecodesAndTheFineBandsGetCloserWithEveryStage() {
        float[] x = audio().get(0);
        float[][] features = codec.vectors(x);
        int[][] codes = codec.encode(x);
        int fineDims = new FineVectors(
                        new FrameShaper(CONFIG.shaping(), 160, RATE).layout(),
                        (Shaping.GainShape) CONFIG.shaping(),
                        FINE)
                .length();
        double previous = Double.MAX_VALUE;
        for (int k = 1; k <= 4; k++) {
            float[][] decoded = codec.coder().decode(codes, k);
            double error = 0;
            for (int t = 0; t < features.length; t++) {
                for (int i = 20; i < 20 + fineDims; i++) {
                    error += Math.pow(features[t][i] - decoded[t][i], 2);
                }
            }
            assertTrue(error < previous, "fine-band shape error with k=" + k + ": " + error + " after " + previous);
            previous = error;
        }
        assertEquals("fine", codec.kind());
        assertEquals(8 + fineDims, codec.codebookValues().dimension(), "the VQ codes latent and fine structure");
        String info = CodecDescription.text(codec);
        assertTrue(info.contains("(fine: ") && info.contains("lowest 6 bands"), info);
    }

    @Test
    void saveThenLoadGivesIdenticalCodesAndAudio() throws IOException {
        Path file = dir.resolve("fine.rvq");
        codec.save(file);
        try (Codec loaded = Codec.load(file)) {
            assertEquals(codec.identity(), loaded.identity());
            assertEquals("fine", loaded.kind());
            float[] x = Signals.music(RATE, RATE, 9);
            int[][] codes = codec.encode(x);
            assertArrayEquals(codes, loaded.encode(x));
            assertArrayEquals(codec.decode(codes, 3), loaded.decode(codes, 3));
        }
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedOneDoes() throws IOException {
        Path ckpt = dir.resolve("run.ckpt");
        try (Codec whole = new CodecTrainer(CONFIG, training(7, 12)).train(audio(), p -> {})) {
            RuntimeException stop = new RuntimeException("interrupted");
            LearnedTrainer.Checkpoints first = new LearnedTrainer.Checkpoints(ckpt, 5, false);
            assertThrows(
                    RuntimeException.class,
                    () -> new CodecTrainer(CONFIG, training(7, 12), first).train(audio(), p -> {
                        if (p.phase() == TrainProgress.Phase.TRAIN && p.step() == 8) {
                            throw stop;
                        }
                    }));
            assertTrue(Files.exists(ckpt));
            LearnedTrainer.Checkpoints resume = new LearnedTrainer.Checkpoints(ckpt, 5, true);
            List<Integer> steps = new ArrayList<>();
            try (Codec resumed = new CodecTrainer(CONFIG, training(7, 12), resume).train(audio(), p -> {
                if (p.phase() == TrainProgress.Phase.TRAIN) {
                    steps.add(p.step());
                }
            })) {
                assertEquals(6, steps.get(0), "resumed after the checkpoint of step 5");
                assertEquals(whole.identity(), resumed.identity(), "fine scale and codebooks came back too");
            }
        }
    }

    @Test
    void aFineCodecNeedsGainShapeShaping() {
        CodecConfig plain = CONFIG.toBuilder().shaping(new Shaping.Plain()).build();
        var e = assertThrows(
                IllegalArgumentException.class, () -> new CodecTrainer(plain, training(1, 2)).train(audio(), p -> {}));
        assertTrue(e.getMessage().contains("gain-shape"), e.getMessage());
    }
}
