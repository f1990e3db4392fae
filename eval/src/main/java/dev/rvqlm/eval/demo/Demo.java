package dev.rvqlm.eval.demo;

import dev.rvqlm.eval.corpus.DemoCorpus;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.run.EvalRunner;
import dev.rvqlm.eval.run.RunScheduling;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.TokenDirectoryWriter;
import dev.rvqlm.tokenizer.rvq.TrainProgress;
import dev.rvqlm.tokens.TokenDirectory;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code rvq demo}: generates the built-in music corpus, trains a codec on it, tokenizes it and runs the pattern
 * eval, all under one output directory:
 * <pre>
 * DIR/corpus/*.wav      generated music (44.1 kHz stereo)
 * DIR/codec.rvq         the codec
 * DIR/tokens/           one .npy per piece + manifest.json
 * DIR/report/           the eval report (report.html, report.md, results.json, ...) and runs/
 * </pre>
 * A second run over the same directory reuses the codec and tokens (when the tokens' manifest names that codec) and
 * every finished pattern run.
 */
public final class Demo {

    public static final String CORPUS = "corpus";
    public static final String CODEC = "codec.rvq";
    public static final String TOKENS = "tokens";
    public static final String REPORT = "report";

    /** The demo's outcome: where the report is and what it holds. */
    public record Outcome(Path reportDir, EvalResults results, double seconds) {}

    private final DemoConfig config;
    private final Consumer<String> log;

    public Demo(DemoConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** Runs the demo with its runs trained one after another in this process. */
    public Outcome run(Path out) throws IOException {
        return run(out, RunScheduling.serial());
    }

    /**
     * Runs the demo; the corpus, codec and tokens are made here, the LM runs as {@code scheduling} says (children
     * started by it call {@link #trainOnly}).
     */
    public Outcome run(Path out, RunScheduling scheduling) throws IOException {
        long start = System.nanoTime();
        Path tokens = out.resolve(TOKENS);
        try (Codec codec = codecAndTokens(out, out.resolve(CODEC), tokens)) {
            log.accept("eval: " + config.eval().models().size() + " patterns, up to "
                    + config.eval().train().schedule().steps()
                    + " steps each (early stopping on validation)"
                    + (scheduling.jobs() > 1 ? ", up to " + scheduling.jobs() + " at once in child processes" : ""));
            EvalResults results = new EvalRunner(config.eval(), log, scheduling)
                    .run(TokenDirectory.read(tokens), Optional.of(codec), out.resolve(REPORT));
            return new Outcome(out.resolve(REPORT), results, (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Trains only the LM run named {@code runName} (e.g. {@code "delay seed 0"}) into {@code out}'s report runs, as
     * a child process of {@link #run(Path, RunScheduling)} does. The codec and tokens must already be in {@code out}
     * (the parent makes them): a child never makes them.
     */
    public void trainOnly(Path out, String runName) throws IOException {
        Path tokens = out.resolve(TOKENS);
        try (Codec codec = reusable(out.resolve(CODEC), tokens)
                .orElseThrow(() -> new IllegalStateException("the demo's codec and tokens must be in " + out
                        + " before its runs are trained in child processes"))) {
            new EvalRunner(config.eval(), log)
                    .trainOnly(TokenDirectory.read(tokens), Optional.of(codec), out.resolve(REPORT), runName);
        }
    }

    /** The codec, when it and the tokens both exist and match this demo's settings. */
    private Optional<Codec> reusable(Path codecFile, Path tokens) throws IOException {
        if (Files.isRegularFile(codecFile) && Files.isRegularFile(tokens.resolve(TokenManifest.FILE_NAME))) {
            Codec codec = Codec.load(codecFile);
            TokenManifest manifest = TokenManifest.read(tokens);
            if (manifest.codec().equals(codec.identity())
                    && codec.config().equals(config.codec())
                    && codec.kind().equals(config.codecTraining().kind())
                    && manifest.files().size() == config.corpus().pieces()) {
                return Optional.of(codec);
            }
            codec.close();
        }
        return Optional.empty();
    }

    /** Reuses the codec and tokens when both exist and match; otherwise makes the corpus, codec and tokens. */
    private Codec codecAndTokens(Path out, Path codecFile, Path tokens) throws IOException {
        Optional<Codec> reused = reusable(codecFile, tokens);
        if (reused.isPresent()) {
            log.accept("reusing " + codecFile + " and " + tokens);
            return reused.get();
        }
        Path corpus = out.resolve(CORPUS);
        long t0 = System.nanoTime();
        List<DemoCorpus.Entry> pieces = DemoCorpus.write(config.corpus(), corpus, log);
        double seconds = pieces.stream().mapToDouble(DemoCorpus.Entry::seconds).sum();
        log.accept(String.format(
                Locale.ROOT,
                "corpus: %d pieces, %.1f s of music in %.1f s",
                pieces.size(),
                seconds,
                (System.nanoTime() - t0) / 1e9));

        t0 = System.nanoTime();
        List<Path> files = pieces.stream().map(DemoCorpus.Entry::file).toList();
        List<float[]> clips = new ArrayList<>();
        for (Path file : files) {
            clips.add(AudioIO.readMono(file, config.codec().sampleRate()));
        }
        TrainProgress.Listener listener = p -> {
            if (p.phase() == TrainProgress.Phase.TRAIN
                    && (p.step() == p.steps() || p.step() % Math.max(1, p.steps() / 4) == 0)) {
                log.accept(String.format(
                        Locale.ROOT,
                        "codec (%s): step %d/%d  relative distortion %.4f  dead codes %d",
                        config.codecTraining().kind(),
                        p.step(),
                        p.steps(),
                        p.relativeDistortion(),
                        p.deadCodes()));
            }
        };
        Codec codec = new CodecTrainer(config.codec(), config.codecTraining()).train(clips, listener);
        codec.save(codecFile);
        log.accept(String.format(
                Locale.ROOT,
                "codec: K=%d N=%d at %.0f frames/s (%.0f bit/s) trained in %.1f s -> %s",
                codec.codebooks(),
                codec.codebookSize(),
                codec.frameRate(),
                codec.bitrate(codec.codebooks()),
                (System.nanoTime() - t0) / 1e9,
                codecFile));

        t0 = System.nanoTime();
        new TokenDirectoryWriter(codec, 1).encode(TokenDirectoryWriter.byFileName(files), tokens, line -> {});
        log.accept(String.format(
                Locale.ROOT, "tokens: %d files in %.1f s -> %s", files.size(), (System.nanoTime() - t0) / 1e9, tokens));
        return codec;
    }
}
