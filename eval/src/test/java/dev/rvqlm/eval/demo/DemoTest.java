package dev.rvqlm.eval.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.corpus.DemoCorpusConfig;
import dev.rvqlm.eval.data.SplitPlan;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.SampleMetrics;
import dev.rvqlm.eval.run.EarlyStopping;
import dev.rvqlm.eval.run.EvalConfig;
import dev.rvqlm.eval.run.SamplingPlan;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.shaping.Shaping;
import dev.rvqlm.tokens.TokenManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo pipeline end to end at toy size: music, codec, tokens, eval with the audio metrics. */
class DemoTest {

    @TempDir
    Path out;

    static DemoConfig tiny() {
        CodecConfig codec = CodecConfig.of(24000, 50.0, 2, 16, Shaping.defaults());
        var codecTraining = new dev.rvqlm.tokenizer.CodecTraining.Classical(
                dev.rvqlm.tokenizer.rvq.RvqTraining.defaults(1).toBuilder()
                        .iterations(4)
                        .batchSize(512)
                        .build());
        LmTraining train = LmTraining.defaults().toBuilder()
                .timesteps(20)
                .batch(2)
                .steps(3)
                .warmupSteps(1)
                .seed(1)
                .build();
        EvalConfig eval = EvalConfig.builder()
                .models(List.of(ModelEntry.parse("delay"), ModelEntry.parse("flatten")))
                .size(new ModelShape(16, 1, 2, 2, 0.0))
                .train(train)
                .split(new SplitPlan(0.34, 0, 1))
                .stopping(new EarlyStopping(2, 0))
                .sampling(new SamplingPlan(2, 0.2, 0.2, SampleConfig.topK(4), 2))
                .build();
        return new DemoConfig(new DemoCorpusConfig(1, 3, 3.0), codec, codecTraining, eval);
    }

    @Test
    void makesMusicTrainsACodecTokenizesAndReportsWithAudioMetrics() throws Exception {
        List<String> log = new ArrayList<>();
        Demo.Outcome outcome = new Demo(tiny(), log::add).run(out);
        assertEquals(out.resolve("report"), outcome.reportDir());
        assertTrue(Files.isRegularFile(out.resolve("codec.rvq")));
        TokenManifest manifest = TokenManifest.read(out.resolve("tokens"));
        assertEquals(3, manifest.files().size());
        assertEquals(2, manifest.codebooks());
        assertTrue(Files.isRegularFile(out.resolve("report/report.html")));
        for (RunResult r : outcome.results().runs()) {
            SampleMetrics samples = r.sampling().metrics();
            assertNotNull(samples.logMelFrechet(), "with a codec the audio metrics are measured");
            assertTrue(Double.isFinite(samples.logMelFrechet()) && samples.logMelFrechet() >= 0);
            assertTrue(Double.isFinite(samples.melDistance()) && samples.melDistance() > 0);
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("codec: K=2 N=16 at 50 frames/s")), String.join("\n", log));
        String html = Files.readString(out.resolve("report/report.html"));
        assertTrue(html.contains("<audio controls preload=\"none\" src=\"runs/delay-"), "audio players link the WAVs");
        assertTrue(html.contains("prompt-0-sampled.wav") && html.contains("prompt-1-real.wav"), html);
        assertTrue(html.contains("alt=\"spectrogram of prompt-0-real\""), "each player has its spectrogram");
        try (var wavs = Files.walk(out.resolve("report/runs"))) {
            assertEquals(
                    2 * 2 * 2,
                    wavs.filter(p -> p.toString().endsWith(".wav")).count(),
                    "2 patterns x 2 prompts x real and sampled");
        }

        // A second run reuses the codec, the tokens and both finished pattern runs.
        List<String> again = new ArrayList<>();
        Demo.Outcome second = new Demo(tiny(), again::add).run(out);
        assertTrue(again.stream().anyMatch(l -> l.startsWith("reusing ")), String.join("\n", again));
        assertEquals(
                2,
                again.stream()
                        .filter(l -> l.contains("reused the finished run"))
                        .count());
        assertEquals(outcome.results().runs(), second.results().runs());

        // A child process of a parallel demo trains only its run into the same runs, and writes no report.
        EvalConfig e = tiny().eval();
        DemoConfig longer = new DemoConfig(
                tiny().corpus(),
                tiny().codec(),
                tiny().codecTraining(),
                e.toBuilder().train(e.train().toBuilder().steps(4).build()).build());
        long reportTime =
                Files.getLastModifiedTime(out.resolve("report/results.json")).toMillis();
        new Demo(longer, line -> {}).trainOnly(out, "flatten 16x1x2 seed 1");
        try (var runs = Files.list(out.resolve("report/runs"))) {
            assertEquals(
                    3,
                    runs.filter(d -> Files.isRegularFile(d.resolve("result.json")))
                            .count(),
                    "the two runs of 3 steps and flatten's of 4");
        }
        assertEquals(
                reportTime,
                Files.getLastModifiedTime(out.resolve("report/results.json")).toMillis());
        // ...and never makes the corpus, codec or tokens: the parent does, before any child starts.
        Path fresh = out.resolve("fresh");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> new Demo(tiny(), line -> {}).trainOnly(fresh, "delay 16x1x2 seed 1"));
        assertTrue(refused.getMessage().contains("codec and tokens must be in " + fresh), refused.getMessage());
        assertTrue(!Files.exists(fresh.resolve("corpus")) && !Files.exists(fresh.resolve("codec.rvq")));
    }
}
