package dev.rvqlm.eval.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rvqlm.eval.data.HeldOutSplit;
import dev.rvqlm.tokens.TokenDirectory;
import dev.rvqlm.eval.report.ReportWriter;
import dev.rvqlm.eval.report.ResultsJson;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.TokenDigest;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The experiment: one LM per pattern with the same model size, data, crops and seed, under one budget; each scored
 * on the same held-out windows and prompts. Finished patterns are reused from {@code REPORT_DIR/runs/} when the
 * settings match, so an interrupted eval resumes. Writes the report into the report directory.
 *
 * <pre>{@code
 * EvalResults results = new EvalRunner(config, System.err::println)
 *         .run(TokenDirectory.read(tokens), Optional.of(codec), reportDir);
 * }</pre>
 */
public final class EvalRunner {

    /** Bumped when a change makes stored pattern results incomparable with new ones. */
    static final int RESULT_FORMAT = 1;
    public static final String RUNS = "runs";

    private final EvalConfig config;
    private final Consumer<String> log;

    public EvalRunner(EvalConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /**
     * Runs (or reuses) every pattern, then writes {@code results.json}, {@code results.csv}, {@code report.md},
     * {@code report.html} and the PNG figures into {@code reportDir}.
     *
     * @param codec the codec that made the tokens, for the audio metrics; empty skips them
     */
    public EvalResults run(TokenDirectory tokens, Optional<Codec> codec, Path reportDir) throws IOException {
        long start = System.nanoTime();
        TokenManifest manifest = tokens.manifest();
        codec.ifPresent(c -> manifest.checkCodec(c.identity(), tokens.directory()));
        double frameRate = tokens.frameRate();
        SamplingPlan sampling = config.sampling();
        int p = sampling.promptFrames(frameRate);
        int c = sampling.continuationFrames(frameRate);
        int crop = config.train().data().timesteps();
        HeldOutSplit split = HeldOutSplit.of(tokens.corpus(), config.heldOutFraction(), config.seed(), crop, p, c,
                sampling.prompts());
        if (sampling.prompts() == 0) {
            throw new IllegalArgumentException("prompts must be at least 1: eval measures sampling speed and quality "
                    + "on held-out prompts");
        }
        if (split.prompts().isEmpty()) {
            int longest = split.heldOut().items().stream().mapToInt(i -> i.timesteps()).max().orElse(0);
            throw new IllegalArgumentException("no held-out file holds a prompt plus continuation of " + (p + c)
                    + " frames (" + sampling.promptSeconds() + " s + " + sampling.continuationSeconds()
                    + " s); the longest held-out file has " + longest + " frames: shorten them");
        }
        log.accept(String.format(Locale.ROOT, "data: %d token files (K=%d, N=%d, %.1f frames/s); %d held out: %d "
                        + "scoring windows of up to %d frames, %d prompts of %d + %d frames",
                tokens.corpus().items().size(), tokens.codebooks(), tokens.codebookSize(), frameRate,
                split.heldOut().items().size(), split.windows().size(), crop, split.prompts().size(), p, c));
        List<PatternPlan> plans = plan(tokens, split, p + c);
        RunCache cache = new RunCache(reportDir.resolve(RUNS));
        double[] costs = plans.stream().mapToDouble(PatternPlan::trainFlops).toArray();
        EvalProgress progress = EvalProgress.every5s(log, plans.stream().map(x -> x.spec().toString()).toList(),
                costs);
        PatternRunner runner = new PatternRunner(config, tokens.corpus(), split, codec);
        List<PatternResult> results = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            PatternPlan plan = plans.get(i);
            Optional<PatternResult> done = cache.finished(plan.spec(), plan.settings());
            if (done.isPresent()) {
                progress.startPattern(i, "reused the finished run in "
                        + cache.directory(plan.spec(), RunCache.fingerprint(plan.settings())));
                progress.skipPattern();
                results.add(done.get());
                continue;
            }
            progress.startPattern(i, String.format(Locale.ROOT, "training %d steps (S=%d per crop, %.3g FLOPs)",
                    plan.train().schedule().steps(), plan.trainSequence(), plan.trainFlops()));
            Path runDir = cache.start(plan.spec(), plan.settings());
            PatternResult result = runner.run(plan, runDir, progress);
            cache.finish(plan.spec(), plan.settings(), result);
            results.add(result);
            progress.finishPattern(String.format(Locale.ROOT, "%.4f bits/code, %.1f bits/s, train %.1f s, RTF b1 %.3f",
                    result.nllBitsPerCode(), result.nllBitsPerSecond(), result.trainSeconds(), result.sampleRtfB1()));
        }
        Map<String, Object> settings = sharedSettings(tokens, codec, split, plans);
        Map<String, String> runDirectories = new LinkedHashMap<>();
        for (PatternPlan plan : plans) {
            runDirectories.put(plan.spec().toString(), reportDir.relativize(
                    cache.directory(plan.spec(), RunCache.fingerprint(plan.settings()))).toString());
        }
        settings.put("run_directories", runDirectories);
        settings.put("eval_seconds", (System.nanoTime() - start) / 1e9);
        EvalResults evalResults = new EvalResults(results, settings);
        ReportWriter.write(evalResults, reportDir);
        return evalResults;
    }

    /** Each pattern's LM config, steps under the budget, FLOPs and identifying settings. */
    List<PatternPlan> plan(TokenDirectory tokens, HeldOutSplit split, int sampledFrames) {
        int k = tokens.codebooks();
        int n = tokens.codebookSize();
        LmTraining base = config.train().toBuilder().validationFraction(0).validationWindows(0).evalEvery(0)
                .checkpointEvery(0).build();
        double budgetFlops = Double.NaN;
        List<PatternPlan> plans = new ArrayList<>();
        for (PatternSpec spec : config.patterns()) {
            PatternSpec layout = DepthEntry.temporal(spec, k);
            int trainSequence = PatternPlan.trainSequence(layout, k, base.data().timesteps());
            int longest = PatternPlan.longestSequence(layout, k, base.data().timesteps(), base.data().timesteps(),
                    sampledFrames);
            LmConfig lm = DepthEntry.lmConfig(spec, config.model(), k, n, longest);
            double perStep = PatternPlan.flopsPerOptimizerStep(lm, base, trainSequence);
            int steps = base.schedule().steps();
            if (config.budget() == Budget.FLOPS) {
                if (Double.isNaN(budgetFlops)) {
                    budgetFlops = perStep * base.schedule().steps();
                }
                steps = (int) Math.max(1, Math.round(budgetFlops / perStep));
            }
            LmTraining train = base.toBuilder().steps(steps).build();
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("result_format", RESULT_FORMAT);
            settings.put("pattern", spec.toString());
            settings.put("lm", toMap(lm));
            settings.put("train", toMap(train));
            settings.put("budget", config.budget().label());
            settings.put("sampling", toMap(config.sampling()));
            settings.put("held_out_fraction", config.heldOutFraction());
            settings.put("tokens", dataIdentity(tokens));
            settings.put("held_out_files", split.heldOut().items().stream().map(i -> i.name()).toList());
            plans.add(new PatternPlan(spec, lm, train, trainSequence, perStep * steps, settings));
        }
        return plans;
    }

    private Map<String, Object> sharedSettings(TokenDirectory tokens, Optional<Codec> codec, HeldOutSplit split,
                                               List<PatternPlan> plans) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("patterns", config.patterns().stream().map(PatternSpec::toString).toList());
        s.put("budget", config.budget().label());
        s.put("seed", config.seed());
        s.put("model", toMap(config.model()));
        s.put("parameters", plans.get(0).lm().parameterCount());
        s.put("train", toMap(plans.get(0).train().toBuilder().steps(config.train().schedule().steps()).build()));
        s.put("steps_by_pattern", plans.stream().map(x -> x.train().schedule().steps()).toList());
        s.put("sampling", toMap(config.sampling()));
        s.put("tokens", dataIdentity(tokens));
        s.put("codec", codec.map(Codec::identity).orElse("none (no audio metrics)"));
        s.put("codebooks", tokens.codebooks());
        s.put("codebook_size", tokens.codebookSize());
        s.put("frame_rate", tokens.frameRate());
        s.put("train_files", split.train().items().size());
        s.put("held_out_files", split.heldOut().items().stream().map(i -> i.name()).toList());
        s.put("held_out_windows", split.windows().size());
        s.put("held_out_codes_per_codebook", split.scoredFramesPerCodebook());
        s.put("prompts", split.prompts().size());
        s.put("cores", Runtime.getRuntime().availableProcessors());
        s.put("java", System.getProperty("java.version"));
        return s;
    }

    /** Identity of the token data: the codec that made it and every file with its length. */
    private static Map<String, Object> dataIdentity(TokenDirectory tokens) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("codec", tokens.manifest().codec());
        id.put("files", tokens.manifest().files().size());
        id.put("frames", tokens.corpus().totalTimesteps());
        id.put("listing_sha256", RunCache.fingerprint(Map.of("files", tokens.manifest().files().stream()
                .map(e -> e.name() + ":" + e.frames()).toList())));
        // the codes themselves: replacing every file's contents (same names and lengths) must not reuse old runs
        id.put("contents_sha256", TokenDigest.sha256(tokens.corpus()));
        return id;
    }

    private static Map<String, Object> toMap(Object record) {
        return ResultsJson.mapper().convertValue(record, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
