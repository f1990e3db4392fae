package dev.rvqlm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.audio.WavEncoding;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-loss cases of the reliability issue, each run through the {@code rvq} command as a user would: a poisoned
 * input, a manifest that points outside its directory, two inputs with one name, a failed re-encode over good tokens
 * and an eval over replaced token contents.
 */
class ReliabilityTest {

    @TempDir
    static Path dir;

    static Path audio;
    static Path codecA;
    static Path codecB;

    static float[] tone(double hz, int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / 16000.0) + 0.01 * r.nextGaussian());
        }
        return x;
    }

    @BeforeAll
    static void twoSmallCodecs() throws IOException {
        audio = dir.resolve("audio");
        for (int i = 0; i < 3; i++) {
            AudioIO.writeWav(audio.resolve("c" + i + ".wav"), tone(200 + 90 * i, 16000, i), 16000);
        }
        codecA = dir.resolve("a.rvq");
        codecB = dir.resolve("b.rvq");
        for (Path codec : List.of(codecA, codecB)) {
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
                    "2",
                    "--codebook-size",
                    "8",
                    "--sample-rate",
                    "16000",
                    "--frame-rate",
                    "50",
                    "--iterations",
                    "3",
                    "--seed",
                    codec == codecA ? "1" : "2");
            assertEquals(0, run.status(), run.err());
        }
    }

    /** The run ended with {@code status} and one line "rvq: ..." holding every fragment (after any progress). */
    static void assertOneLine(int status, CliRun run, String... fragments) {
        assertEquals(status, run.status(), run.err());
        List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("rvq: "), run.err());
        assertEquals(1, lines.stream().filter(l -> l.contains("rvq: ")).count(), run.err());
        for (String f : fragments) {
            assertTrue(last.contains(f), "expected '" + f + "' in: " + run.err());
        }
        assertFalse(run.err().contains("Exception"), run.err());
    }

    // Case 1: a float WAV holding NaN (or Inf) is refused by encode and by codec train, naming the sample's time.
    @Test
    void nonFiniteSamplesAreRefusedNamingTheFirstOne() throws IOException {
        Path bad = dir.resolve("nan/bad.wav");
        float[] x = tone(300, 16000, 7);
        x[12000] = Float.NaN;
        x[13000] = Float.POSITIVE_INFINITY;
        AudioIO.writeWav(bad, x, 16000, WavEncoding.FLOAT32);
        CliRun enc = CliRun.of(
                "encode",
                "--codec",
                codecA.toString(),
                "--audio",
                bad.toString(),
                "--out",
                dir.resolve("nan-tokens").toString());
        assertOneLine(2, enc, "bad.wav: sample 12000 (0.750 s, channel 0) is NaN");
        assertFalse(Files.exists(dir.resolve("nan-tokens/manifest.json")));

        x[12000] = 0;
        AudioIO.writeWav(audio.getParent().resolve("inf/inf.wav"), x, 16000, WavEncoding.FLOAT32);
        CliRun train = CliRun.of(
                "codec",
                "train",
                "--kind",
                "classical",
                "--audio",
                audio.toString(),
                dir.resolve("inf/inf.wav").toString(),
                "--out",
                dir.resolve("poisoned.rvq").toString(),
                "--codebooks",
                "2",
                "--codebook-size",
                "8",
                "--sample-rate",
                "16000",
                "--frame-rate",
                "50",
                "--iterations",
                "2");
        assertOneLine(2, train, "inf.wav: sample 13000 (0.813 s, channel 0) is +Inf");
        assertFalse(Files.exists(dir.resolve("poisoned.rvq")));
    }

    /** A token directory of K=2, N=8 codes whose manifest lists {@code names}; the first name's file exists. */
    static Path tokensListing(String where, List<String> names) throws IOException {
        Path tokens = dir.resolve(where);
        TokenFiles.write(tokens.resolve("ok.npy"), new int[2][20], 8);
        List<TokenManifest.Entry> entries = new ArrayList<>();
        entries.add(new TokenManifest.Entry("ok.npy", 20, "ok.wav"));
        // written as JSON by hand: the writer itself refuses such names
        StringBuilder files = new StringBuilder("{\"name\": \"ok.npy\", \"frames\": 20, \"source\": \"ok.wav\"}");
        for (String n : names) {
            files.append(", {\"name\": \"").append(n).append("\", \"frames\": 20, \"source\": \"x.wav\"}");
        }
        Files.writeString(
                tokens.resolve("manifest.json"),
                "{\"formatVersion\": 1, \"codec\": \"c\", \"sampleRate\": "
                        + "16000, \"frameRate\": 50.0, \"codebooks\": 2, \"codebookSize\": 8, \"files\": [" + files
                        + "]}");
        return tokens;
    }

    // Case 2: manifest entries that leave the token directory are refused, and nothing outside is written or read.
    @Test
    void manifestNamesCannotEscapeTheTokenDirectory() throws IOException {
        Path victim = dir.resolve("victim/x.wav");
        Files.createDirectories(victim.getParent());
        Files.writeString(victim, "precious");
        Path escape = tokensListing("escape/tokens", List.of("../../victim/x.npy"));
        TokenFiles.write(dir.resolve("victim/x.npy"), new int[2][20], 8);
        CliRun decode = CliRun.of(
                "decode",
                "--codec",
                codecA.toString(),
                "--tokens",
                escape.toString(),
                "--out",
                dir.resolve("escape/out").toString());
        assertOneLine(2, decode, "manifest.json: file entry '../../victim/x.npy' has an empty, '.' or '..' segment");
        assertEquals("precious", Files.readString(victim));

        Path absolute = tokensListing("absolute", List.of("/etc/passwd"));
        CliRun train = CliRun.of(
                "train",
                "--tokens",
                absolute.toString(),
                "--model",
                "delay",
                "--out",
                dir.resolve("run-abs").toString(),
                "--steps",
                "1");
        assertOneLine(2, train, "file entry '/etc/passwd' is an absolute path");

        Path linked = tokensListing("linked", List.of("link/x.npy"));
        Files.createSymbolicLink(linked.resolve("link"), dir.resolve("victim"));
        CliRun viaLink = CliRun.of(
                "train",
                "--tokens",
                linked.toString(),
                "--model",
                "delay",
                "--out",
                dir.resolve("run-link").toString(),
                "--steps",
                "1");
        assertOneLine(2, viaLink, "file entry 'link/x.npy' leads to", "outside the token directory");

        Path twice = tokensListing("twice", List.of("ok.npy"));
        assertOneLine(
                2,
                CliRun.of(
                        "train",
                        "--tokens",
                        twice.toString(),
                        "--model",
                        "delay",
                        "--out",
                        dir.resolve("run-2").toString()),
                "file entry 'ok.npy' is listed twice");
    }

    // Case 3: two inputs that would both become clip.npy are refused before anything is written.
    @Test
    void twoInputsWithOneNameAreRefused() throws IOException {
        AudioIO.writeWav(dir.resolve("same/a/clip.wav"), tone(250, 8000, 1), 16000);
        AudioIO.writeWav(dir.resolve("same/b/clip.wav"), tone(350, 8000, 2), 16000);
        Path out = dir.resolve("same/tokens");
        CliRun run = CliRun.of(
                "encode",
                "--codec",
                codecA.toString(),
                "--audio",
                dir.resolve("same/a").toString(),
                dir.resolve("same/b").toString(),
                "--out",
                out.toString());
        assertOneLine(2, run, "a/clip.wav and ", "b/clip.wav would both be written as clip.npy");
        assertFalse(Files.exists(out));

        CliRun parent = CliRun.of(
                "encode",
                "--codec",
                codecA.toString(),
                "--audio",
                dir.resolve("same").toString(),
                "--out",
                out.toString());
        assertEquals(0, parent.status(), parent.err());
        assertEquals(
                List.of("a/clip.npy", "b/clip.npy"),
                TokenManifest.read(out).files().stream()
                        .map(TokenManifest.Entry::name)
                        .toList());
    }

    // Case 4: a re-encode that fails on its last input leaves the old token directory exactly as it was.
    @Test
    void aFailedReEncodeLeavesTheOldTokensIntact() throws IOException {
        Path tokens = dir.resolve("reencode/tokens");
        assertEquals(
                0,
                CliRun.of(
                                "encode",
                                "--codec",
                                codecA.toString(),
                                "--audio",
                                audio.toString(),
                                "--out",
                                tokens.toString())
                        .status());
        byte[] manifest = Files.readAllBytes(tokens.resolve("manifest.json"));
        byte[] first = Files.readAllBytes(tokens.resolve("c0.npy"));

        Path mixed = dir.resolve("reencode/audio");
        for (int i = 0; i < 3; i++) {
            Files.createDirectories(mixed);
            Files.copy(audio.resolve("c" + i + ".wav"), mixed.resolve("c" + i + ".wav"));
        }
        byte[] wav = Files.readAllBytes(mixed.resolve("c2.wav"));
        Files.write(mixed.resolve("c2.wav"), Arrays.copyOf(wav, wav.length / 2)); // truncated
        // a killed encode of an earlier, dead process left its temporary directory beside the tokens
        Path stale = Files.createDirectories(dir.resolve("reencode/.tokens.encoding.2147483646.tmp"));
        CliRun failed = CliRun.of(
                "encode",
                "--codec",
                codecB.toString(),
                "--audio",
                mixed.toString(),
                "--out",
                tokens.toString(),
                "--threads",
                "1");
        assertOneLine(2, failed, "c2.wav: truncated");
        assertArrayEquals(manifest, Files.readAllBytes(tokens.resolve("manifest.json")));
        assertArrayEquals(first, Files.readAllBytes(tokens.resolve("c0.npy")), "c0 was not replaced by codec B's");
        assertFalse(Files.exists(stale), "the dead encode's temporary directory is removed");
        try (var siblings = Files.list(tokens.getParent())) {
            assertEquals(
                    List.of("audio", "tokens"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary directory is left behind");
        }
        CliRun decode = CliRun.of(
                "decode",
                "--codec",
                codecA.toString(),
                "--tokens",
                tokens.toString(),
                "--out",
                dir.resolve("reencode/decoded").toString());
        assertEquals(0, decode.status(), "the old tokens still decode with the old codec: " + decode.err());
    }

    // Case 5: replacing every token file's contents (same names, same lengths) makes eval train afresh.
    @Test
    void evalDoesNotReuseRunsOverReplacedTokenContents() throws IOException {
        Path tokens = dir.resolve("eval/tokens");
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            entries.add(new TokenManifest.Entry("p" + f + ".npy", 60, "p" + f + ".wav"));
        }
        String[] args = {
            "eval",
            "--tokens",
            tokens.toString(),
            "--out",
            dir.resolve("eval/report").toString(),
            "--model",
            "parallel",
            "--dim",
            "16",
            "--layers",
            "1",
            "--heads",
            "2",
            "--timesteps",
            "12",
            "--batch-size",
            "2",
            "--steps",
            "2",
            "--warmup",
            "1",
            "--test",
            "0.25",
            "--prompts",
            "1",
            "--prompt-seconds",
            "0.2",
            "--continuation-seconds",
            "0.4",
            "--top-k",
            "4"
        };
        for (int version = 0; version < 2; version++) {
            for (int f = 0; f < 4; f++) {
                int[][] codes = new int[2][60];
                for (int t = 0; t < 60; t++) {
                    codes[0][t] = (t + f + 3 * version) % 8;
                    codes[1][t] = (t * (version + 1)) % 8;
                }
                TokenFiles.write(tokens.resolve("p" + f + ".npy"), codes, 8);
            }
            new TokenManifest(TokenManifest.FORMAT_VERSION, "cli-test", 24000, 25.0, 2, 8, entries).write(tokens);
            CliRun run = CliRun.of(args);
            assertEquals(0, run.status(), run.err());
            assertFalse(run.err().contains("reused"), "version " + version + ": " + run.err());
        }
        CliRun same = CliRun.of(args);
        assertTrue(same.err().contains("reused the finished run"), "unchanged tokens are still reused: " + same.err());
    }

    // Case 7: devices and huge files are one sentence, not an OutOfMemoryError.
    @Test
    void devicesAndHugeFilesAreOneSentence() throws IOException {
        if (Files.exists(Path.of("/dev/zero"))) {
            assertOneLine(2, CliRun.of("codec", "info", "/dev/zero"), "/dev/zero: is not a regular file");
            assertOneLine(
                    2,
                    CliRun.of(
                            "sample",
                            "--run",
                            "/dev/zero",
                            "--timesteps",
                            "4",
                            "--out",
                            dir.resolve("s").toString()),
                    "/dev/zero: is not a regular file");
        }
        Path huge = dir.resolve("huge/big.wav");
        Files.createDirectories(huge.getParent());
        try (var f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3_000_000_000L); // sparse
        }
        assertOneLine(
                2,
                CliRun.of(
                        "encode",
                        "--codec",
                        codecA.toString(),
                        "--audio",
                        huge.toString(),
                        "--out",
                        dir.resolve("huge/tokens").toString()),
                "big.wav: 3.0 GB is more than this command can hold (");
        Files.delete(huge);
    }

    // Cases 8 and 9: a directory as a file, and an output that cannot be written, found before any work.
    @Test
    void wrongKindsOfPathAreSentencesAndUnwritableOutputsAreFoundFirst() throws IOException {
        assertOneLine(2, CliRun.of("codec", "info", dir.toString()), ": is a directory, not a file");
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertOneLine(
                2,
                CliRun.of(
                        "encode", "--codec", codecA.toString(), "--audio", audio.toString(), "--out", file.toString()),
                "plain-file: is a file; the token directory to write must be a directory");
        long start = System.nanoTime();
        CliRun late = CliRun.of(
                "codec",
                "train",
                "--kind",
                "classical",
                "--audio",
                audio.toString(),
                "--out",
                file.resolve("c.rvq").toString(),
                "--codebooks",
                "2",
                "--codebook-size",
                "8",
                "--sample-rate",
                "16000",
                "--frame-rate",
                "50",
                "--iterations",
                "200");
        assertOneLine(2, late, file.resolve("c.rvq") + ": cannot be written: " + file + ": already exists");
        assertFalse(late.err().contains("read 3 files"), "refused before reading the audio: " + late.err());
    }

    // Case 10: contradictions are refused, naming what contradicts what.
    @Test
    void contradictionsAreRefused() throws IOException {
        byte[] wav = Files.readAllBytes(audio.resolve("c0.wav"));
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 1000); // data size
        Path lying = Files.write(dir.resolve("lying.wav"), wav);
        assertOneLine(
                2,
                CliRun.of(
                        "encode",
                        "--codec",
                        codecA.toString(),
                        "--audio",
                        lying.toString(),
                        "--out",
                        dir.resolve("lying-tokens").toString()),
                "lying.wav: the 'data' chunk says 1000 bytes but");

        Path empty = dir.resolve("empty/zero.wav");
        AudioIO.writeWav(empty, new float[0], 16000);
        assertOneLine(
                2,
                CliRun.of(
                        "codec",
                        "eval",
                        "--codec",
                        codecA.toString(),
                        "--audio",
                        empty.toString(),
                        "--report",
                        dir.resolve("empty/report").toString()),
                "zero.wav: holds no samples");

        assertOneLine(
                2,
                CliRun.of(
                        "patterns",
                        "show",
                        "--pattern",
                        "parallel:empty_initial=-5",
                        "--codebooks",
                        "2",
                        "--timesteps",
                        "3"),
                "empty_initial must be -1 (no initial special step) or >= 0, got -5");
        assertOneLine(
                2,
                CliRun.of(
                        "codec",
                        "train",
                        "--kind",
                        "classical",
                        "--audio",
                        audio.toString(),
                        "--out",
                        dir.resolve("neg.rvq").toString(),
                        "--sample-rate",
                        "-1"),
                "--sample-rate must be in [1000, 384000], got -1");

        Path tokens = dir.resolve("resume/tokens");
        assertEquals(
                0,
                CliRun.of(
                                "encode",
                                "--codec",
                                codecA.toString(),
                                "--audio",
                                audio.toString(),
                                "--out",
                                tokens.toString())
                        .status());
        Path run = dir.resolve("resume/run");
        CliRun train = CliRun.of(
                "train",
                "--tokens",
                tokens.toString(),
                "--pattern",
                "delay",
                "--out",
                run.toString(),
                "--dim",
                "8",
                "--layers",
                "1",
                "--heads",
                "2",
                "--timesteps",
                "8",
                "--batch",
                "2",
                "--steps",
                "1",
                "--threads",
                "1");
        assertEquals(0, train.status(), train.err());
        assertOneLine(
                2,
                CliRun.of(
                        "train",
                        "--tokens",
                        tokens.toString(),
                        "--out",
                        run.toString(),
                        "--resume",
                        "--lr",
                        "1",
                        "--dim",
                        "999"),
                "--resume continues the run with its saved settings; --dim, --lr cannot " + "change them");
    }
}
