package dev.rvqlm.cli.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rvqlm.cli.CliRun;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on a directory of small WAV files: train, info, encode, decode, eval, compare, and bad inputs. */
class CodecCommandsTest {

    @TempDir
    static Path dir;

    static Path audio;
    static Path codec;

    static float[] tone(double hz, int rate, int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * t)
                    + 0.1 * Math.sin(2 * Math.PI * 3 * hz * t)
                    + 0.01 * r.nextGaussian());
        }
        return x;
    }

    @BeforeAll
    static void trainSmallCodec() throws IOException {
        audio = dir.resolve("audio");
        Files.createDirectories(audio.resolve("sub"));
        AudioIO.writeWav(audio.resolve("a.wav"), tone(220, 16000, 32000, 1), 16000);
        AudioIO.writeWav(audio.resolve("sub/b.wav"), tone(330, 22050, 44100, 2), 22050); // resampled on reading
        AudioIO.writeWav(audio.resolve("c.wav"), tone(500, 16000, 24000, 3), 16000);
        codec = dir.resolve("small.rvq");
        CliRun run = CliRun.of(
                "codec",
                "train",
                "--kind",
                "classical",
                "--audio",
                audio.toString(),
                "--out",
                codec.toString(),
                "--codebooks",
                "3",
                "--codebook-size",
                "32",
                "--sample-rate",
                "16000",
                "--frame-rate",
                "50",
                "--iterations",
                "10",
                "--batch-size",
                "256",
                "--seed",
                "5");
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.exists(codec));
        assertTrue(run.out().contains("K=3 codebooks x N=32 codes"), run.out());
        assertTrue(run.err().contains("EMA iteration"), "progress bar on stderr");
    }

    @Test
    void infoPrintsConfigAndDiagnostics() {
        CliRun run = CliRun.of("codec", "info", codec.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("16000 Hz, hop 320 samples, 50.00 frames/s"), run.out());
        assertTrue(run.out().contains("perplexity"), run.out());
        assertEquals(
                4, run.out().lines().filter(l -> l.matches("^[123] .*|^k .*")).count(), run.out());
    }

    @Test
    void infoPrintsJson() throws IOException {
        CliRun run = CliRun.of("codec", "info", codec.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("classical", json.get("kind").asText());
        assertEquals(3, json.get("training").get("stages").size());
        assertEquals(3, json.get("training").get("ladder").size());
        assertEquals(3, json.get("training").get("streams").size());
    }

    @Test
    void trainsALearnedCodecWithCheckpointsAndResumes() throws IOException {
        Path learned = dir.resolve("learned.rvq");
        String[] train = {
            "codec",
            "train",
            "--kind",
            "learned",
            "--audio",
            audio.toString(),
            "--out",
            learned.toString(),
            "--codebooks",
            "2",
            "--codebook-size",
            "16",
            "--sample-rate",
            "16000",
            "--frame-rate",
            "50",
            "--steps",
            "8",
            "--latent",
            "4",
            "--hidden",
            "16",
            "--checkpoint-every",
            "4",
            "--seed",
            "3"
        };
        CliRun run = CliRun.of(train);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("(learned)") && run.out().contains("look-ahead 2 frames"), run.out());
        assertTrue(run.err().contains("training step"), "progress bar on stderr");
        assertTrue(Files.exists(dir.resolve("learned.rvq.ckpt")));
        String[] resume = Arrays.copyOf(train, train.length + 1);
        resume[train.length] = "--resume";
        CliRun again = CliRun.of(resume); // the checkpoint is at the last step: resuming only rewrites the codec
        assertEquals(0, again.status(), again.err());
        assertEquals(run.out(), again.out());
    }

    @Test
    void theDefaultKindIsTheFineCodecWithAlternatingStages() {
        CliRun run = CliRun.of(
                "codec",
                "train",
                "--audio",
                audio.toString(),
                "--out",
                dir.resolve("default.rvq").toString(),
                "--codebooks",
                "3",
                "--codebook-size",
                "16",
                "--sample-rate",
                "16000",
                "--frame-rate",
                "50",
                "--steps",
                "4",
                "--latent",
                "4",
                "--hidden",
                "16",
                "--checkpoint-every",
                "0",
                "--seed",
                "5");
        assertEquals(0, run.status(), run.err());
        assertTrue(
                run.out().contains("(fine: ")
                        && run.out().contains("the lowest 28 bands")
                        && run.out().contains("odd stages code the latent, even stages 8 fine bins each"),
                run.out());
    }

    @Test
    void encodeThenDecodeADirectory() throws IOException {
        Path tokens = dir.resolve("tokens");
        CliRun enc = CliRun.of(
                "encode", "--codec", codec.toString(), "--audio", audio.toString(), "--out", tokens.toString());
        assertEquals(0, enc.status(), enc.err());
        TokenManifest manifest = TokenManifest.read(tokens);
        assertEquals(3, manifest.files().size());
        assertEquals(3, manifest.codebooks());
        assertEquals(16000, manifest.sampleRate());
        TokenManifest.Entry b = manifest.files().stream()
                .filter(e -> e.name().equals("sub/b.npy"))
                .findFirst()
                .orElseThrow();
        assertEquals(2 * 50 + 1, b.frames());
        assertEquals(b.frames(), TokenFiles.read(tokens.resolve("sub/b.npy"))[0].length);

        CliRun stats = CliRun.of("tokens", "stats", tokens.toString());
        assertEquals(0, stats.status(), stats.err());
        assertTrue(
                stats.out().contains("3 files (manifest, codec ") && stats.out().contains("K=3, N=32"), stats.out());
        assertEquals(3, stats.out().lines().filter(l -> l.matches("^[123] .*")).count(), stats.out());
        CliRun statsJson = CliRun.of("tokens", "stats", tokens.toString(), "--json");
        assertEquals(0, statsJson.status(), statsJson.err());
        assertEquals(
                3, new ObjectMapper().readTree(statsJson.out()).get("streams").size());
        CliRun none = CliRun.of("tokens", "stats", dir.resolve("nowhere").toString());
        assertEquals(2, none.status(), none.err());

        Path decoded = dir.resolve("decoded");
        CliRun dec = CliRun.of(
                "decode",
                "--codec",
                codec.toString(),
                "--tokens",
                tokens.toString(),
                "--out",
                decoded.toString(),
                "--codebooks",
                "2");
        assertEquals(0, dec.status(), dec.err());
        assertEquals(16000, AudioIO.read(decoded.resolve("sub/b.wav")).sampleRate());
        assertEquals(100 * 320, AudioIO.read(decoded.resolve("sub/b.wav")).frames());

        Path one = dir.resolve("one.wav");
        CliRun single = CliRun.of(
                "decode",
                "--codec",
                codec.toString(),
                "--tokens",
                tokens.resolve("a.npy").toString(),
                "--out",
                one.toString());
        assertEquals(0, single.status(), single.err());
        assertTrue(Files.size(one) > 44);

        CliRun compare = CliRun.of(
                "codec",
                "compare",
                "--reference",
                audio.toString(),
                "--test",
                decoded.toString(),
                "--sample-rate",
                "16000",
                "--label",
                "rvq-k2",
                "--json",
                dir.resolve("compare.json").toString());
        assertEquals(0, compare.status(), compare.err());
        assertTrue(compare.out().contains("rvq-k2"), compare.out());
        assertTrue(Files.exists(dir.resolve("compare.json")));
    }

    @Test
    void evalWritesTableJsonAndPlot() throws IOException {
        Path report = dir.resolve("report");
        CliRun run = CliRun.of(
                "codec",
                "eval",
                "--codec",
                codec.toString(),
                "--audio",
                audio.toString(),
                "--report",
                report.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("log-mel"), run.out());
        JsonNode json =
                new ObjectMapper().readTree(report.resolve("codec-eval.json").toFile());
        assertEquals(3, json.get("rows").size());
        assertEquals(50 * 2 * 5, json.get("rows").get(1).get("bitrate").asDouble(), 1e-9);
        byte[] png = Files.readAllBytes(report.resolve("codec-eval.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        // no clip is named speech: the first two in sorted order, a reference and k = 1, 2, 3 each
        for (String stem : new String[] {"a", "c"}) {
            assertTrue(ImageIO.read(report.resolve("codec-spectrogram-" + stem + ".png")
                                    .toFile())
                            .getHeight()
                    > 0);
            assertEquals(
                    16000,
                    AudioIO.read(report.resolve("audio/" + stem + "__ref.wav")).sampleRate());
            assertTrue(Files.exists(report.resolve("audio/" + stem + "__k3-0.75kbps.wav")));
        }
        assertTrue(Files.notExists(report.resolve("codec-spectrogram-sub-b.png")));
        assertEquals(2 + 8, json.get("excerpts").size());
        assertEquals("codec-spectrogram-a.png", json.get("excerpts").get(0).asText());
        assertTrue(Files.exists(report.resolve(json.get("excerpts").get(9).asText())));
        assertTrue(
                run.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("wrote ")
                                && l.contains("codec-spectrogram-c.png")
                                && l.contains("8 WAVs")),
                run.out());
    }

    @Test
    void sparkWithoutTheSparkAssemblyOnTheClassPathSaysSoInOneLine() {
        CliRun run = CliRun.of(
                "encode",
                "--codec",
                codec.toString(),
                "--audio",
                audio.toString(),
                "--out",
                dir.resolve("never").toString(),
                "--spark",
                "local[2]");
        assertEquals(2, run.status(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("rvq: --spark: this rvq has no Spark support on its class path"), run.err());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void badInputsGiveOneLineAndStatusTwo() throws IOException {
        Path text = dir.resolve("bad/notes.wav");
        Files.createDirectories(text.getParent());
        Files.writeString(text, "this is not audio");
        CliRun notAudio = CliRun.of(
                "encode",
                "--codec",
                codec.toString(),
                "--audio",
                text.toString(),
                "--out",
                dir.resolve("t2").toString());
        assertEquals(2, notAudio.status());
        assertTrue(notAudio.err().contains("notes.wav: not an audio file"), notAudio.err());
        assertEquals(1, notAudio.err().lines().count(), notAudio.err());

        Path corrupt = dir.resolve("corrupt.rvq");
        byte[] bytes = Files.readAllBytes(codec);
        bytes[bytes.length / 2] ^= 1;
        Files.write(corrupt, bytes);
        CliRun bad = CliRun.of("codec", "info", corrupt.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("checksum mismatch"), bad.err());

        Path wrongK = dir.resolve("wrongk.npy");
        TokenFiles.write(wrongK, new int[4][10], 32);
        CliRun k = CliRun.of(
                "decode",
                "--codec",
                codec.toString(),
                "--tokens",
                wrongK.toString(),
                "--out",
                dir.resolve("x.wav").toString());
        assertEquals(2, k.status());
        assertTrue(k.err().contains("has K=4 codebooks but the codec has K=3"), k.err());

        Path range = dir.resolve("range.npy");
        int[][] codes = new int[3][10];
        codes[1][7] = 32;
        TokenFiles.write(range, codes, 32);
        CliRun r = CliRun.of(
                "decode",
                "--codec",
                codec.toString(),
                "--tokens",
                range.toString(),
                "--out",
                dir.resolve("y.wav").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("code 32 at codebook 1, frame 7 is out of range"), r.err());

        CliRun missing = CliRun.of("codec", "train", "--audio", audio.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("missing required option --out"), missing.err());
        assertTrue(Arrays.asList(0, 2)
                .contains(CliRun.of("codec", "train", "--help").status()));
    }
}
