package dev.rvqlm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.metrics.LogMel;
import dev.rvqlm.tokenizer.metrics.Quality;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import dev.rvqlm.tokenizer.shaping.Shaping;
import dev.rvqlm.tokens.TensorFileException;
import dev.rvqlm.tokens.TokenFileException;
import dev.rvqlm.tokens.TokenManifest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecTest {

    static final int RATE = 16000;
    static Codec codec;
    static Codec plain;

    @TempDir
    Path dir;

    static List<float[]> trainingAudio() {
        return List.of(
                Signals.music(RATE, 4 * RATE, 1),
                Signals.music(RATE, 4 * RATE, 2),
                Signals.music(RATE, 4 * RATE, 3),
                Signals.chirp(100, 7000, 0.3, RATE, 3 * RATE));
    }

    @BeforeAll
    static void train() {
        RvqTraining run = RvqTraining.defaults(7).toBuilder()
                .iterations(25)
                .batchSize(1024)
                .build();
        // 20 bands for 160 MDCT bins (the default 60 bands are sized for 320 bins at 24 kHz); envelope weight 2 so
        // that these tiny codebooks (N=64) spend their first stages on band energies, which log-mel measures.
        codec = new CodecTrainer(
                        new CodecConfig(
                                RATE,
                                160,
                                4,
                                64,
                                new Shaping.GainShape(20, 0.5, 2.0, dev.rvqlm.tokenizer.shaping.NoiseFill.OFF)),
                        run)
                .train(trainingAudio(), p -> {});
        plain = new CodecTrainer(new CodecConfig(RATE, 160, 4, 64, new Shaping.Plain()), run)
                .train(trainingAudio(), p -> {});
    }

    @AfterAll
    static void close() {
        codec.close();
        plain.close();
    }

    @Test
    void usageIsCountedOnItsOwnLongerSampleAndTheLadderOnTheShortOne() {
        List<float[]> all = trainingAudio();
        List<float[]> slice = CodecDiagnostics.sample(all, RATE, 1);
        CodecDiagnostics.Result small = CodecDiagnostics.measure(codec, slice);
        CodecDiagnostics.Result split = CodecDiagnostics.measure(codec, slice, all);
        CodecDiagnostics.Result full = CodecDiagnostics.measure(codec, all);
        assertEquals(1.0, split.ladderSeconds(), 0.01);
        assertEquals(15.0, split.usageSeconds(), 0.01);
        assertEquals(small.ladder(), split.ladder(), "the ladder comes from the short sample");
        for (int k = 0; k < 4; k++) {
            assertEquals(full.stages().get(k).deadCodes(), split.stages().get(k).deadCodes(), "stage " + k);
            assertEquals(full.streams().get(k).entropy(), split.streams().get(k).entropy(), 1e-12);
        }
        // one second of 100 frames leaves codes of N=64 unseen that fifteen seconds use
        int deadSmall = small.stages().stream().mapToInt(d -> d.deadCodes()).sum();
        int deadSplit = split.stages().stream().mapToInt(d -> d.deadCodes()).sum();
        assertTrue(deadSplit < deadSmall, deadSmall + " -> " + deadSplit);
        assertEquals(
                split.usageSeconds(),
                codec.training().usageSeconds(),
                0.01,
                "the trained codec stores what its usage was counted on");
    }

    @Test
    void encodeGivesKStreamsAtTheFrameRate() {
        float[] x = Signals.music(RATE, RATE, 9);
        int[][] codes = codec.encode(x);
        assertEquals(4, codes.length);
        assertEquals(RATE / 160 + 1, codes[0].length);
        assertEquals(100.0, codec.frameRate());
        assertEquals(100 * 4 * 6, codec.bitrate(4), 1e-9);
        for (int[] row : codes) {
            assertTrue(Arrays.stream(row).allMatch(c -> c >= 0 && c < 64));
        }
        float[] y = codec.decode(codes);
        assertEquals((codes[0].length - 1) * 160, y.length);
        assertTrue(y.length >= x.length);
        assertEquals(4, codec.training().stages().size());
    }

    @Test
    void qualityImprovesWithEveryCodebook() {
        // A training clip: the prefix property is tested where the codebooks are meant to work. (On audio unlike the
        // training data a greedy stage can raise the distortion when no codeword is nearer than zero.)
        float[] x = trainingAudio().get(1);
        LogMel logMel = new LogMel(RATE);
        // Plain L2 shaping: the waveform SNR rises with every codebook.
        int[][] plainCodes = plain.encode(x);
        double previousSnr = -Double.MAX_VALUE;
        for (int k = 1; k <= 4; k++) {
            double snr = Quality.measure(x, plain.decode(plainCodes, k), logMel).snrDb();
            assertTrue(snr > previousSnr, "plain L2 SNR at k=" + k + ": " + snr + " after " + previousSnr);
            previousSnr = snr;
        }
        // Gain-shape: the quantizer's own distortion falls with every codebook, and the log-mel distance with all K
        // codebooks is clearly below the one with the first only. (Stage by stage the log-mel distance is not
        // guaranteed to fall: the quantizer minimises L2 in the shaped domain, not log-mel.)
        try (var quantizer = new dev.rvqlm.tokenizer.rvq.ResidualQuantizer(codec.codebookValues())) {
            double[] mse = quantizer.encodeWithResidual(codec.vectors(x), 4).residualMse();
            for (int k = 1; k < 4; k++) {
                assertTrue(
                        mse[k] < mse[k - 1],
                        "distortion after stage " + (k + 1) + ": " + mse[k] + " after " + mse[k - 1]);
            }
        }
        int[][] codes = codec.encode(x);
        double first = Quality.measure(x, codec.decode(codes, 1), logMel).logMel();
        double all = Quality.measure(x, codec.decode(codes, 4), logMel).logMel();
        assertTrue(all < first - 0.015, "log-mel distance k=1 " + first + ", k=4 " + all);
    }

    @Test
    void saveThenLoadGivesIdenticalCodes() throws IOException {
        Path file = dir.resolve("c.rvq");
        codec.save(file);
        try (Codec loaded = Codec.load(file)) {
            assertEquals(codec.identity(), loaded.identity());
            assertEquals(codec.config(), loaded.config());
            assertEquals(codec.training(), loaded.training());
            float[] x = Signals.music(RATE, RATE, 10);
            int[][] codes = codec.encode(x);
            assertArrayEquals(codes, loaded.encode(x));
            assertArrayEquals(codec.decode(codes, 2), loaded.decode(codes, 2));
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void refusesFewerFramesThanCodesAndReportsTheBatchItUsed() {
        RvqTraining run = RvqTraining.defaults(7).toBuilder()
                .iterations(2)
                .batchSize(8192)
                .build();
        CodecConfig config = new CodecConfig(RATE, 160, 2, 16, Shaping.defaults());
        // 0.1 s at 160-sample hops: a handful of frames, fewer than N=16 codes
        List<float[]> tooShort = List.of(Signals.music(RATE, RATE / 10, 1));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new CodecTrainer(config, run).train(tooShort, p -> {}));
        assertTrue(e.getMessage().contains("fewer than the N=16 codes"), e.getMessage());
        List<float[]> audio = trainingAudio().subList(0, 1);
        try (Codec c = new CodecTrainer(config, run).train(audio, p -> {})) {
            long frames = c.training().trainingFrames();
            assertTrue(frames < 8192, "the test needs fewer frames than the batch size: " + frames);
            assertTrue(
                    c.training().settings().contains("2 iterations x " + frames + " frames"),
                    c.training().settings());
        }
    }

    @Test
    void sameSeedSameCodecFile() {
        RvqTraining run =
                RvqTraining.defaults(7).toBuilder().iterations(5).batchSize(512).build();
        CodecConfig config = new CodecConfig(RATE, 160, 2, 16, Shaping.defaults());
        List<float[]> audio = trainingAudio().subList(0, 2);
        try (Codec a = new CodecTrainer(config, run).train(audio, p -> {});
                Codec b = new CodecTrainer(config, run).train(audio, p -> {});
                Codec c = new CodecTrainer(
                                config,
                                RvqTraining.defaults(8).toBuilder()
                                        .iterations(5)
                                        .batchSize(512)
                                        .build())
                        .train(audio, p -> {})) {
            assertEquals(a.identity(), b.identity());
            assertNotEquals(a.identity(), c.identity());
        }
    }

    @Test
    void badCodecFilesFailWithTheirName() throws IOException {
        Path good = dir.resolve("good.rvq");
        codec.save(good);
        byte[] bytes = Files.readAllBytes(good);

        Path wav = dir.resolve("audio.rvq");
        AudioIO.writeWav(wav, new float[100], RATE);
        assertMessage(wav, "not an rvqlm codec file");

        Path cut = dir.resolve("cut.rvq");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage(cut, "truncated");

        Path tiny = dir.resolve("tiny.rvq");
        Files.write(tiny, Arrays.copyOf(bytes, 14));
        assertMessage(tiny, "truncated");

        Path flipped = dir.resolve("flipped.rvq");
        byte[] corrupt = bytes.clone();
        corrupt[bytes.length - 100] ^= 0x10;
        Files.write(flipped, corrupt);
        assertMessage(flipped, "checksum mismatch");

        Path future = dir.resolve("future.rvq");
        byte[] newer = bytes.clone();
        ByteBuffer.wrap(newer).putInt(8, 99);
        Files.write(future, newer);
        assertMessage(future, "format version 99 is not supported");

        Path longer = dir.resolve("longer.rvq");
        Files.write(longer, Arrays.copyOf(bytes, bytes.length + 3));
        assertMessage(longer, "unexpected bytes at the end");

        Path header = dir.resolve("header.rvq");
        byte[] badJson = bytes.clone();
        badJson[20] = '#';
        Files.write(header, badJson);
        assertMessage(header, "corrupt header");
    }

    @Test
    void aVersionOneClassicalFileStillLoads() throws IOException {
        // version 1 as rvqlm wrote it before learned codecs: JSON header, K·N·D big-endian floats, CRC-32
        String header = "{\"sampleRate\":16000,\"hop\":160,\"codebooks\":2,\"codebookSize\":2,\"dimension\":160,"
                + "\"shaping\":\"plain\",\"training\":{\"seed\":3,\"iterations\":5,\"batchSize\":64,\"decay\":0.99,"
                + "\"init\":\"KMEANS_PLUS_PLUS\",\"deadCodes\":\"keep\",\"dropout\":0.0,\"trainingFrames\":10,"
                + "\"trainingSeconds\":0.1,\"stages\":[]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("RVQCODEC".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(1);
        out.writeInt(json.length);
        out.write(json);
        for (int i = 0; i < 2 * 2 * 160; i++) {
            out.writeFloat(i < 2 * 160 ? (i / 160 == 0 ? 0.01f : -0.01f) : 0.001f);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        Path old = dir.resolve("old.rvq");
        Files.write(old, bytes.toByteArray());
        try (Codec loaded = Codec.load(old)) {
            assertEquals("classical", loaded.kind());
            assertEquals(new CodecConfig(16000, 160, 2, 2, new Shaping.Plain()), loaded.config());
            assertEquals(3, loaded.training().seed());
            assertTrue(
                    loaded.training().settings().contains("5 iterations x 64 frames"),
                    loaded.training().settings());
            assertEquals(0.01f, loaded.codebookValues().stage(0)[0]);
            int[][] codes = loaded.encode(Signals.sine(440, 0.5, 16000, 1600));
            assertEquals(2, codes.length);
            assertEquals(11, loaded.decode(codes).length / 160 + 1);
        }
    }

    private static void assertMessage(Path file, String expected) {
        var e = assertThrows(TensorFileException.class, () -> Codec.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void badCodesAreRejectedClearly() {
        int[][] codes = codec.encode(Signals.music(RATE, RATE / 4, 11));
        int[][] outOfRange = Arrays.stream(codes).map(int[]::clone).toArray(int[][]::new);
        outOfRange[2][3] = 64;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode(outOfRange))
                .getMessage()
                .contains("code 64 at codebook 2, frame 3 is out of range [0, 64)"));
        int[][] tooMany = Arrays.copyOf(codes, 5);
        tooMany[4] = codes[0];
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode(tooMany))
                .getMessage()
                .contains("codes have K=5 codebooks but the codec has K=4"));
        int[][] fewer = Arrays.copyOf(codes, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode(fewer))
                .getMessage()
                .contains("decode with the first 2"));
        assertEquals(codec.decode(codes, 2).length, codec.decode(fewer, 2).length);
        int[][] ragged = {codes[0], Arrays.copyOf(codes[1], 2), codes[2], codes[3]};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode(ragged))
                .getMessage()
                .contains("has 2 frames"));
    }

    @Test
    void configValidationNamesTheField() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> new CodecConfig(24000, 320, 0, 1024, Shaping.defaults()))
                .getMessage()
                .contains("codebooks K must be in [1, 64], got 0"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> CodecConfig.of(24000, 77, 8, 1024, Shaping.defaults()))
                .getMessage()
                .contains("frame rate 77.0 does not divide sample rate 24000"));
        assertEquals(320, CodecConfig.of(24000, 75, 8, 1024, Shaping.defaults()).hop());
        assertEquals(6000, CodecConfig.defaults().bitrate(8), 1e-9);
        assertEquals(12000, CodecConfig.defaults().bitrate(16), 1e-9);
    }

    @Test
    void manifestRoundTripsAndChecksTheCodec() throws IOException {
        TokenManifest m = codec.manifest(List.of(new TokenManifest.Entry("a/b.npy", 12, "in/a/b.wav")));
        m.write(dir);
        TokenManifest back = TokenManifest.read(dir);
        assertEquals(m, back);
        back.checkCodec(codec.identity(), dir);
        assertTrue(assertThrows(TokenFileException.class, () -> back.checkCodec(plain.identity(), dir))
                .getMessage()
                .contains("tokens were made by codec " + codec.identity()));
        Files.writeString(dir.resolve(TokenManifest.FILE_NAME), "{ not json");
        assertThrows(TokenFileException.class, () -> TokenManifest.read(dir));
    }
}
