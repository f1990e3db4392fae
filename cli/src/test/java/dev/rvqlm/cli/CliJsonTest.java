package dev.rvqlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rvqlm.tokenizer.AudioIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on every command that produces a result: the result is one JSON document on stdout (parsed here),
 * and nothing but it is there; progress stays on stderr. (demo and bench tokenizer, minutes long, are left out.)
 */
class CliJsonTest {

    @TempDir
    Path dir;

    static JsonNode json(String... args) throws IOException {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--json");
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, run.status(), String.join(" ", args) + ": " + run.err());
        return JsonOutput.mapper().readTree(run.out());
    }

    @Test
    void patternsAndSyntheticTokens() throws Exception {
        JsonNode list = json("patterns", "list");
        assertTrue(list.isArray() && list.get(0).path("name").asText().equals("parallel"), list.toString());
        JsonNode show = json("patterns", "show", "--pattern", "delay", "--codebooks", "2", "--timesteps", "3");
        assertEquals(4, show.path("num_sequence_steps").asInt(), show.toString());
        Path tokens = dir.resolve("synth");
        JsonNode synth = json(
                "tokens",
                "synth",
                "--out",
                tokens.toString(),
                "--codebooks",
                "2",
                "--codebook-size",
                "8",
                "--files",
                "4",
                "--frames",
                "40");
        assertTrue(synth.path("entropy").path("exactBitsByCodebook").size() == 2, synth.toString());
        JsonNode stats = json("tokens", "stats", tokens.toString());
        assertTrue(stats.size() > 0, stats.toString());
        Path run = dir.resolve("run");
        JsonNode train = json(
                "train",
                "--tokens",
                tokens.toString(),
                "--model",
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
                "--batch-size",
                "2",
                "--steps",
                "2");
        assertEquals(2, train.path("steps").asInt(), train.toString());
        assertEquals(
                run.resolve("checkpoint.rvqlm").toString(),
                train.path("checkpoint").asText());
        JsonNode sample = json(
                "sample",
                "--run",
                run.toString(),
                "--timesteps",
                "6",
                "--count",
                "2",
                "--out",
                dir.resolve("s").toString());
        assertEquals(2, sample.path("tokens").size(), sample.toString());
        assertTrue(Files.exists(Path.of(sample.path("tokens").get(1).asText())), sample.toString());
        JsonNode bench = json("bench", "lm", "--bench", "mm", "--seconds", "0.05");
        assertEquals("mm", bench.path("bench").asText(), bench.toString());
    }

    @Test
    void codecCommands() throws Exception {
        Path audio = Files.createDirectories(dir.resolve("audio"));
        for (int i = 0; i < 3; i++) {
            float[] x = new float[16000];
            for (int n = 0; n < x.length; n++) {
                x[n] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + 100 * i) * n / 16000.0));
            }
            AudioIO.writeWav(audio.resolve("tone" + i + ".wav"), x, 16000);
        }
        Path codec = dir.resolve("c.rvq");
        JsonNode trained = json(
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
                "3",
                "--batch-size",
                "128");
        assertEquals("classical", trained.path("kind").asText(), trained.toString());
        assertEquals(trained, json("codec", "info", codec.toString()));
        Path tokens = dir.resolve("tokens");
        JsonNode encoded =
                json("encode", "--codec", codec.toString(), "--audio", audio.toString(), "--out", tokens.toString());
        assertEquals(3, encoded.path("files").asInt(), encoded.toString());
        Path decoded = dir.resolve("decoded");
        JsonNode wavs =
                json("decode", "--codec", codec.toString(), "--tokens", tokens.toString(), "--out", decoded.toString());
        assertEquals(3, wavs.path("wavs").size(), wavs.toString());
        JsonNode eval = json("codec", "eval", "--codec", codec.toString(), "--audio", audio.toString());
        assertEquals(2, eval.path("rows").size(), eval.toString());
        JsonNode compare = json(
                "codec",
                "compare",
                "--reference",
                audio.toString(),
                "--degraded",
                decoded.toString(),
                "--sample-rate",
                "16000");
        assertEquals(3, compare.path("files").asInt(), compare.toString());
        Path codes = Files.createDirectories(dir.resolve("codes"));
        Files.copy(tokens.resolve("tone0.npy"), codes.resolve("a.npy"));
        JsonNode imported = json(
                "tokens",
                "import",
                "--frame-rate",
                "50",
                "--codebook-size",
                "16",
                codes.toString(),
                "--out",
                dir.resolve("imported").toString());
        assertEquals(1, imported.path("manifest").path("files").size(), imported.toString());
    }
}
