package dev.rvqlm.cli.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.cli.CliRun;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmCommandsTest {

    private static final int K = 2;
    private static final int N = 16;

    @TempDir
    Path dir;

    private Path tokens() throws IOException {
        Path tokens = dir.resolve("tokens");
        Files.createDirectories(tokens);
        SplittableRandom random = new SplittableRandom(1);
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            int[][] codes = new int[K][40];
            for (int[] row : codes) {
                for (int t = 0; t < row.length; t++) {
                    row[t] = random.nextInt(N);
                }
            }
            String name = "f" + f + ".npy";
            TokenFiles.write(tokens.resolve(name), codes, N);
            entries.add(new TokenManifest.Entry(name, 40, "f" + f + ".wav"));
        }
        new TokenManifest(TokenManifest.FORMAT_VERSION, "test-codec", 16000, 50.0, K, N, entries).write(tokens);
        return tokens;
    }

    @Test
    void trainThenSampleWorkOnATokenDirectory() throws IOException {
        Path tokens = tokens();
        Path run = dir.resolve("run");
        CliRun train = CliRun.of(
                "train",
                "--tokens",
                tokens.toString(),
                "--pattern",
                "delay",
                "--out",
                run.toString(),
                "--dim",
                "16",
                "--layers",
                "1",
                "--heads",
                "2",
                "--timesteps",
                "12",
                "--batch",
                "2",
                "--steps",
                "4",
                "--warmup",
                "1",
                "--checkpoint-every",
                "2",
                "--eval-every",
                "2",
                "--seed",
                "3");
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("trained 4 steps"), train.out());
        assertTrue(train.err().contains("step 4/4"), train.err());
        assertTrue(Files.exists(run.resolve("checkpoint.rvqlm")));
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(4, metrics.stream().filter(l -> l.contains("\"loss\"")).count());
        assertTrue(metrics.stream().anyMatch(l -> l.contains("\"val_nll\"")), "a held-out file is scored");

        CliRun again = CliRun.of("train", "--tokens", tokens.toString(), "--pattern", "delay", "--out", run.toString());
        assertEquals(2, again.status(), "an existing run is not overwritten");
        assertTrue(again.err().contains("--resume"), again.err());

        CliRun done = CliRun.of("train", "--tokens", tokens.toString(), "--out", run.toString(), "--resume");
        assertEquals(0, done.status(), done.err());
        assertTrue(done.out().contains("already complete"), done.out());

        Path samples = dir.resolve("samples");
        CliRun sample = sampleWithPrompt(run, tokens.resolve("f1.npy"), samples, "java");
        assertEquals(0, sample.status(), sample.err());
        int[][] prompt = TokenFiles.read(tokens.resolve("f1.npy"));
        Path reference = dir.resolve("samples-djl");
        CliRun djl = sampleWithPrompt(run, tokens.resolve("f1.npy"), reference, "djl");
        assertEquals(0, djl.status(), djl.err());
        for (int b = 0; b < 2; b++) {
            String name = String.format("sample_%03d.npy", b);
            int[][] codes = TokenFiles.read(samples.resolve(name), K, N);
            assertEquals(10, codes[0].length);
            for (int k = 0; k < K; k++) {
                assertArrayEquals(Arrays.copyOf(prompt[k], 4), Arrays.copyOf(codes[k], 4));
            }
            assertArrayEquals(codes, TokenFiles.read(reference.resolve(name), K, N), "the Java engine and DJL agree");
        }
        CliRun unknown = CliRun.of(
                "sample", "--run", run.toString(), "--timesteps", "4", "--engine", "cuda", "--out", samples.toString());
        assertEquals(2, unknown.status(), unknown.err());
        assertTrue(unknown.err().contains("cuda") && unknown.err().contains("java or djl"), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
    }

    /** Two samples of 10 frames continuing the first 4 of {@code prompt}, top-k 5, seed 9, on {@code engine}. */
    private static CliRun sampleWithPrompt(Path run, Path prompt, Path out, String engine) {
        return CliRun.of(
                "sample",
                "--run",
                run.toString(),
                "--timesteps",
                "10",
                "--count",
                "2",
                "--prompt",
                prompt.toString(),
                "--prompt-timesteps",
                "4",
                "--top-k",
                "5",
                "--seed",
                "9",
                "--engine",
                engine,
                "--out",
                out.toString());
    }

    @Test
    void anExportSamplesAsTheRunItCameFrom() throws IOException {
        Path tokens = tokens();
        Path run = dir.resolve("run");
        CliRun train = CliRun.of(
                "train",
                "--tokens",
                tokens.toString(),
                "--pattern",
                "delay",
                "--out",
                run.toString(),
                "--dim",
                "16",
                "--layers",
                "1",
                "--heads",
                "2",
                "--timesteps",
                "12",
                "--batch",
                "2",
                "--steps",
                "3");
        assertEquals(0, train.status(), train.err());
        Path export = dir.resolve("export");
        CliRun exported = CliRun.of("export", "--run", run.toString(), "--out", export.toString(), "--json");
        assertEquals(0, exported.status(), exported.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(exported.out());
        assertEquals(
                export.resolve("model.safetensors").toString(),
                json.path("weights").asText());
        assertTrue(json.path("parameters").asLong() > 0, exported.out());
        for (String from : List.of("run", "export")) {
            CliRun sample = CliRun.of(
                    "sample",
                    "--run",
                    dir.resolve(from).toString(),
                    "--timesteps",
                    "10",
                    "--count",
                    "2",
                    "--seed",
                    "9",
                    "--out",
                    dir.resolve("samples-" + from).toString());
            assertEquals(0, sample.status(), sample.err());
        }
        for (int b = 0; b < 2; b++) {
            String name = String.format("sample_%03d.npy", b);
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve("samples-run").resolve(name)),
                    Files.readAllBytes(dir.resolve("samples-export").resolve(name)),
                    name);
        }
        // training goes on from the export's weights, in its shape and pattern (the way back from PyTorch)
        Path more = dir.resolve("more");
        CliRun init = CliRun.of(
                "train",
                "--tokens",
                tokens.toString(),
                "--init",
                export.toString(),
                "--out",
                more.toString(),
                "--timesteps",
                "12",
                "--batch-size",
                "2",
                "--steps",
                "2",
                "--json");
        assertEquals(0, init.status(), init.err());
        var trained = new com.fasterxml.jackson.databind.ObjectMapper().readTree(init.out());
        assertEquals("delay", trained.path("model").asText(), init.out());
        assertEquals(
                json.path("parameters").asLong(), trained.path("parameters").asLong());
        CliRun shaped = CliRun.of(
                "train",
                "--tokens",
                tokens.toString(),
                "--init",
                export.toString(),
                "--out",
                dir.resolve("m2").toString(),
                "--dim",
                "32");
        assertEquals(2, shaped.status());
        assertTrue(shaped.err().contains("--dim does not apply with --init"), shaped.err());
        CliRun other = CliRun.of("export", "--run", run.toString(), "--format", "onnx", "--out", export.toString());
        assertEquals(2, other.status());
        assertEquals("rvq: --format must be safetensors, got 'onnx'\n", other.err());
    }

    @Test
    void audioToCodecToTokensToLmToWav() throws IOException {
        Path audio = dir.resolve("audio");
        Files.createDirectories(audio);
        for (int i = 0; i < 3; i++) {
            float[] x = new float[16000];
            for (int n = 0; n < x.length; n++) {
                x[n] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + 100 * i) * n / 16000.0));
            }
            AudioIO.writeWav(audio.resolve("tone" + i + ".wav"), x, 16000);
        }
        Path codec = dir.resolve("small.rvq");
        CliRun trainCodec = CliRun.of(
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
                "16",
                "--sample-rate",
                "16000",
                "--frame-rate",
                "50",
                "--iterations",
                "5",
                "--batch-size",
                "128",
                "--seed",
                "1");
        assertEquals(0, trainCodec.status(), trainCodec.err());
        Path tokens = dir.resolve("tokens");
        assertEquals(
                0,
                CliRun.of(
                                "encode",
                                "--codec",
                                codec.toString(),
                                "--audio",
                                audio.toString(),
                                "--out",
                                tokens.toString())
                        .status());
        Path run = dir.resolve("run");
        CliRun train = CliRun.of(
                "train",
                "--tokens",
                tokens.toString(),
                "--pattern",
                "flatten",
                "--out",
                run.toString(),
                "--dim",
                "16",
                "--layers",
                "1",
                "--heads",
                "2",
                "--timesteps",
                "10",
                "--batch",
                "2",
                "--steps",
                "3");
        assertEquals(0, train.status(), train.err());
        Path samples = dir.resolve("samples");
        CliRun sample = CliRun.of(
                "sample",
                "--run",
                run.toString(),
                "--timesteps",
                "12",
                "--codec",
                codec.toString(),
                "--out",
                samples.toString());
        assertEquals(0, sample.status(), sample.err());
        assertEquals(2, TokenFiles.read(samples.resolve("sample_000.npy")).length);
        assertEquals(11 * 320, AudioIO.read(samples.resolve("sample_000.wav")).frames(), "(T - 1) hops of audio");
    }

    @Test
    void trainAndSampleADepthModel() throws IOException {
        Path tokens = tokens();
        Path run = dir.resolve("depth");
        CliRun train = CliRun.of(
                "train",
                "--tokens",
                tokens.toString(),
                "--model",
                "depth:acoustic_delay=1",
                "--out",
                run.toString(),
                "--dim",
                "16",
                "--layers",
                "1",
                "--heads",
                "2",
                "--timesteps",
                "12",
                "--batch",
                "2",
                "--steps",
                "3",
                "--warmup",
                "1",
                "--seed",
                "3");
        assertEquals(0, train.status(), train.err());
        assertTrue(
                train.err().contains("depth:acoustic_delay=1 D'=16 L'=1 H'=1")
                        && train.err().contains("pattern delay:delays=0,1"),
                train.err());
        Path samples = dir.resolve("depth-samples");
        CliRun sample = CliRun.of(
                "sample",
                "--run",
                run.toString(),
                "--timesteps",
                "10",
                "--count",
                "1",
                "--prompt",
                tokens.resolve("f1.npy").toString(),
                "--prompt-timesteps",
                "3",
                "--out",
                samples.toString());
        assertEquals(0, sample.status(), sample.err());
        assertEquals(10, TokenFiles.read(samples.resolve("sample_000.npy"), K, N)[0].length);
        CliRun both = CliRun.of(
                "train",
                "--tokens",
                tokens.toString(),
                "--model",
                "depth",
                "--pattern",
                "delay",
                "--out",
                dir.resolve("x").toString());
        assertEquals(2, both.status());
        assertTrue(both.err().contains("--model and --pattern are the same option"), both.err());
        CliRun bad = CliRun.of(
                "train",
                "--tokens",
                tokens.toString(),
                "--model",
                "deep",
                "--out",
                dir.resolve("y").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("depth"), bad.err());
    }

    @Test
    void badInputIsOneLineAndStatusTwo() throws IOException {
        Path tokens = tokens();
        CliRun pattern = CliRun.of(
                "train",
                "--tokens",
                tokens.toString(),
                "--pattern",
                "zigzag",
                "--out",
                dir.resolve("r").toString());
        assertEquals(2, pattern.status());
        assertTrue(pattern.err().contains("unknown pattern"), pattern.err());
        Path run = dir.resolve("run");
        assertEquals(
                0,
                CliRun.of(
                                "train",
                                "--tokens",
                                tokens.toString(),
                                "--pattern",
                                "parallel",
                                "--out",
                                run.toString(),
                                "--dim",
                                "8",
                                "--layers",
                                "1",
                                "--heads",
                                "1",
                                "--timesteps",
                                "8",
                                "--batch",
                                "1",
                                "--steps",
                                "1")
                        .status());
        CliRun past = CliRun.of(
                "sample",
                "--run",
                run.toString(),
                "--timesteps",
                "100",
                "--out",
                dir.resolve("long").toString());
        assertEquals(0, past.status(), "past the trained context generation slides on: " + past.err());
        CliRun zero = CliRun.of(
                "sample",
                "--run",
                run.toString(),
                "--timesteps",
                "0",
                "--out",
                dir.resolve("s").toString());
        assertEquals(2, zero.status());
        assertTrue(zero.err().contains("timesteps"), zero.err());
        assertEquals(1, zero.err().strip().lines().count(), zero.err());
        Files.writeString(dir.resolve("broken.rvqlm"), "RVQLMCKP garbage");
        CliRun broken = CliRun.of(
                "sample",
                "--run",
                dir.resolve("broken.rvqlm").toString(),
                "--timesteps",
                "4",
                "--out",
                dir.resolve("s").toString());
        assertEquals(2, broken.status(), broken.err());
    }
}
