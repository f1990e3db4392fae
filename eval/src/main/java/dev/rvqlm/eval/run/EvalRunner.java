package dev.rvqlm.eval.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rvqlm.eval.data.HeldOutSplit;
import dev.rvqlm.eval.report.ReportWriter;
import dev.rvqlm.eval.report.ResultsJson;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.eval.stats.Summaries;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.TokenDigest;
import dev.rvqlm.tokens.TokenDirectory;
import dev.rvqlm.tokens.TokenManifest;
import dev.rvqlm.tokens.synth.SourceEntropy;
import dev.rvqlm.tokens.synth.SynthCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The experiment: one LM per pattern and seed with the same model size, data and crops per seed, under one budget;
 * each selected on the same validation windows (early stopping), scored on the same test windows and prompts, and
 * summarised with paired-bootstrap intervals. Finished runs are reused from {@code REPORT_DIR/runs/} when the
 * settings match, so an interrupted eval resumes. Writes the report into the report directory.
 *
 * <pre>{@code
 * EvalResults results = new EvalRunner(config, System.err::println)
 *         .run(TokenDirectory.read(tokens), Optional.of(codec), reportDir);
 * }</pre>
 * With a {@link RunScheduling} of more than one job, the unfinished runs are trained in child processes, each
 * running {@link #trainOnly} for one run; this process then reads their results from the run cache.
 */
public final class EvalRunner {

    /** Bumped when a change makes stored pattern results incomparable with new ones. */
    static final int RESULT_FORMAT = 3;

    public static final String RUNS = "runs";

    private final EvalConfig config;
    private final Consumer<String> log;
    private final RunScheduling scheduling;

    /** An eval that trains its runs one after another in this process. */
    public EvalRunner(EvalConfig config, Consumer<String> log) {
        this(config, log, RunScheduling.serial());
    }

    /** An eval that trains its unfinished runs as {@code scheduling} says (in child processes when jobs > 1). */
    public EvalRunner(EvalConfig config, Consumer<String> log, RunScheduling scheduling) {
        this.config = config;
        this.log = log;
        this.scheduling = scheduling;
    }

    /**
     * Runs (or reuses) every pattern, then writes {@code results.json}, {@code results.csv}, {@code report.md},
     * {@code report.html} and the PNG figures into {@code reportDir}.
     *
     * @param codec the codec that made the tokens, for the audio metrics; empty skips them
     */
    public EvalResults run(TokenDirectory tokens, Optional<Codec> codec, Path reportDir) throws IOException {
        long start = System.nanoTime();
        Prepared prepared = prepare(tokens, codec);
        List<PatternPlan> plans = prepared.plans();
        RunCache cache = new RunCache(reportDir.resolve(RUNS));
        double[] costs = plans.stream().mapToDouble(PatternPlan::trainFlops).toArray();
        EvalProgress progress = EvalProgress.every5s(
                log, plans.stream().map(EvalRunner::runName).toList(), costs);
        List<PatternResult> results = runAll(prepared, tokens, codec, cache, progress);
        List<PatternResult> ordered = byPatternThenSeed(results);
        double frameRate = tokens.frameRate();
        Summaries.Outcome outcome = Summaries.of(ordered, tokens.codebookSize(), tokens.codebooks() * frameRate);
        SourceEntropy calibration = SynthCorpus.read(tokens.directory())
                .map(SynthCorpus.Description::entropy)
                .orElse(null);
        Map<String, Object> settings =
                SettingsText.of(config, tokens, codec, prepared.first(), plans, (System.nanoTime() - start) / 1e9);
        Map<String, String> runDirectories = new LinkedHashMap<>();
        for (PatternPlan plan : plans) {
            runDirectories.put(
                    runName(plan),
                    reportDir.relativize(runDirectory(cache, plan)).toString());
        }
        settings.put("run directories", runDirectories);
        EvalResults evalResults =
                new EvalResults(ordered, outcome.summaries(), outcome.comparisons(), calibration, settings);
        ReportWriter.write(evalResults, reportDir);
        return evalResults;
    }

    /**
     * Trains (or reuses) only the run named {@code runName} (e.g. {@code "delay seed 0"}), with exactly the plan
     * {@link #run} makes for it, stores it in {@code reportDir}'s run cache and writes no report: what a child
     * process of a parallel eval does ({@link ChildCommand}).
     */
    public PatternResult trainOnly(TokenDirectory tokens, Optional<Codec> codec, Path reportDir, String runName)
            throws IOException {
        Prepared prepared = prepare(tokens, codec);
        List<String> names = prepared.plans().stream().map(EvalRunner::runName).toList();
        int i = names.indexOf(runName);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "this eval has no run named '" + runName + "'; its runs: " + String.join(", ", names));
        }
        PatternPlan plan = prepared.plans().get(i);
        EvalProgress progress = EvalProgress.every5s(log, List.of(runName), new double[] {plan.trainFlops()});
        RunCache cache = new RunCache(reportDir.resolve(RUNS));
        Optional<PatternResult> done = reused(0, plan, cache, progress);
        return done.isPresent()
                ? done.get()
                : train(0, plan, prepared.planSplits().get(i), tokens, codec, cache, progress);
    }

    /** Every run's plan and split, in plan order (seed, then pattern), and the first seed's split. */
    private record Prepared(List<PatternPlan> plans, List<HeldOutSplit> planSplits, HeldOutSplit first) {}

    private Prepared prepare(TokenDirectory tokens, Optional<Codec> codec) {
        TokenManifest manifest = tokens.manifest();
        codec.ifPresent(c -> manifest.checkCodec(c.identity(), tokens.directory()));
        double frameRate = tokens.frameRate();
        SamplingPlan sampling = config.sampling();
        int p = sampling.promptFrames(frameRate);
        int c = sampling.continuationFrames(frameRate);
        Map<Long, HeldOutSplit> splits = new LinkedHashMap<>();
        for (long seed : config.seeds()) {
            long splitSeed = config.repeats().resplit() ? seed : config.seed();
            if (!splits.containsKey(splitSeed)) {
                splits.put(splitSeed, split(tokens, splitSeed, p, c));
            }
        }
        HeldOutSplit first = splits.values().iterator().next();
        log.accept(String.format(
                Locale.ROOT,
                "data: %d token files (K=%d, N=%d, %.1f frames/s); %d train, %d "
                        + "validation (%d windows), %d test: %d scoring windows of up to %d frames, %d prompts of %d "
                        + "+ %d frames; %d seed%s%s",
                tokens.corpus().items().size(),
                tokens.codebooks(),
                tokens.codebookSize(),
                frameRate,
                first.train().items().size(),
                first.validation().size(),
                first.validationWindows().size(),
                first.heldOut().items().size(),
                first.windows().size(),
                config.train().data().timesteps(),
                first.prompts().size(),
                p,
                c,
                config.seeds().size(),
                config.seeds().size() == 1 ? "" : "s",
                config.repeats().resplit() ? ", each with its own split" : ""));
        List<PatternPlan> plans = new ArrayList<>();
        List<HeldOutSplit> planSplits = new ArrayList<>();
        for (long seed : config.seeds()) {
            HeldOutSplit split = splits.get(config.repeats().resplit() ? seed : config.seed());
            for (PatternPlan plan : plan(tokens, split, p + c, seed)) {
                plans.add(plan);
                planSplits.add(split);
            }
        }
        return new Prepared(plans, planSplits, first);
    }

    /**
     * Reuses every finished run, then trains the others: one after another in this process, or, with more than one
     * job and more than one run to train, in child processes (DJL's PyTorch engine allows one gradient collector per
     * process), which store their results in the cache for this process to read.
     */
    private List<PatternResult> runAll(
            Prepared prepared, TokenDirectory tokens, Optional<Codec> codec, RunCache cache, EvalProgress progress)
            throws IOException {
        List<PatternPlan> plans = prepared.plans();
        PatternResult[] results = new PatternResult[plans.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Optional<PatternResult> done = reused(i, plans.get(i), cache, progress);
            if (done.isPresent()) {
                results[i] = done.get();
            } else {
                pending.add(i);
            }
        }
        if (scheduling.usesChildren(pending.size())) {
            List<ChildRuns.Job> jobs = pending.stream()
                    .map(i -> new ChildRuns.Job(
                            i,
                            runName(plans.get(i)),
                            runDirectory(cache, plans.get(i)),
                            plans.get(i).trainFlops()))
                    .toList();
            new ChildRuns(scheduling, progress).run(jobs, job -> {
                PatternPlan plan = plans.get(job.index());
                PatternResult result = cache.finished(plan.spec(), plan.settings())
                        .orElseThrow(() -> new IllegalStateException("the child process for " + job.name()
                                + " exited with status 0 " + "but stored no result in " + job.runDir()));
                progress.finishPattern(job.index(), summary(result));
                results[job.index()] = result;
            });
        } else {
            for (int i : pending) {
                results[i] = train(i, plans.get(i), prepared.planSplits().get(i), tokens, codec, cache, progress);
            }
        }
        return List.of(results);
    }

    /** The stored result of run {@code i} if it finished in an earlier eval, said in the progress. */
    private static Optional<PatternResult> reused(int i, PatternPlan plan, RunCache cache, EvalProgress progress) {
        Optional<PatternResult> done = cache.finished(plan.spec(), plan.settings());
        if (done.isPresent()) {
            progress.startPattern(i, "reused the finished run in " + runDirectory(cache, plan));
            progress.skipPattern(i);
        }
        return done;
    }

    /** Trains, scores and samples run {@code i} in this process and stores it in the cache. */
    private PatternResult train(
            int i,
            PatternPlan plan,
            HeldOutSplit split,
            TokenDirectory tokens,
            Optional<Codec> codec,
            RunCache cache,
            EvalProgress progress)
            throws IOException {
        EvalProgress.Run run = progress.startPattern(
                i,
                String.format(
                        Locale.ROOT,
                        "training up to %d steps (S=%d per crop, %.3g FLOPs)",
                        plan.train().schedule().steps(),
                        plan.trainSequence(),
                        plan.trainFlops()));
        Path runDir = cache.start(plan.spec(), plan.settings());
        PatternResult result = new PatternRunner(config, tokens.corpus(), split, codec).run(plan, runDir, run);
        cache.finish(plan.spec(), plan.settings(), result);
        progress.finishPattern(i, summary(result));
        return result;
    }

    private static String summary(PatternResult result) {
        return String.format(
                Locale.ROOT,
                "%.4f bits/code, %.1f bits/s (best step %d of %d), train %.1f s, RTF b1 " + "%.3f",
                result.nllBitsPerCode(),
                result.nllBitsPerSecond(),
                result.selection().bestStep(),
                result.trainSteps(),
                result.trainSeconds(),
                result.sampleRtfB1());
    }

    private static Path runDirectory(RunCache cache, PatternPlan plan) {
        return cache.directory(plan.spec(), RunCache.fingerprint(plan.settings()));
    }

    private HeldOutSplit split(TokenDirectory tokens, long seed, int promptFrames, int continuationFrames) {
        SamplingPlan sampling = config.sampling();
        if (sampling.prompts() == 0) {
            throw new IllegalArgumentException(
                    "prompts must be at least 1: eval measures sampling speed and quality " + "on held-out prompts");
        }
        HeldOutSplit split = HeldOutSplit.of(
                tokens.corpus(),
                config.split(),
                seed,
                config.train().data().timesteps(),
                promptFrames,
                continuationFrames,
                sampling.prompts());
        if (split.prompts().isEmpty() && sampling.prompts() > 0) {
            int longest = split.heldOut().items().stream()
                    .mapToInt(i -> i.timesteps())
                    .max()
                    .orElse(0);
            throw new IllegalArgumentException("no held-out file holds a prompt plus continuation of "
                    + (promptFrames + continuationFrames) + " frames (" + sampling.promptSeconds() + " s + "
                    + sampling.continuationSeconds() + " s); the longest held-out file has " + longest
                    + " frames: shorten them");
        }
        return split;
    }

    static String runName(PatternPlan plan) {
        return plan.spec() + " seed " + plan.train().run().seed();
    }

    /** Runs grouped by pattern (in the order given), seeds ascending within each: the order summaries pair on. */
    private List<PatternResult> byPatternThenSeed(List<PatternResult> results) {
        List<PatternResult> ordered = new ArrayList<>();
        for (PatternSpec spec : config.patterns()) {
            results.stream()
                    .filter(r -> r.pattern().equals(spec.toString()))
                    .sorted(Comparator.comparingLong(PatternResult::seed))
                    .forEach(ordered::add);
        }
        return ordered;
    }

    /** Each pattern's LM config, steps under the budget, FLOPs and identifying settings, for one seed. */
    List<PatternPlan> plan(TokenDirectory tokens, HeldOutSplit split, int sampledFrames, long seed) {
        int k = tokens.codebooks();
        int n = tokens.codebookSize();
        LmTraining base = config.train().toBuilder()
                .validationFraction(0)
                .validationWindows(0)
                .evalEvery(0)
                .checkpointEvery(0)
                .seed(seed)
                .build();
        double budgetFlops = Double.NaN;
        List<PatternPlan> plans = new ArrayList<>();
        for (PatternSpec spec : config.patterns()) {
            PatternSpec layout = DepthEntry.temporal(spec, k);
            int trainSequence = PatternPlan.trainSequence(layout, k, base.data().timesteps());
            int longest = PatternPlan.longestSequence(
                    layout, k, base.data().timesteps(), base.data().timesteps(), sampledFrames);
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
            settings.put("stopping", toMap(config.stopping()));
            settings.put("split", toMap(config.split()));
            settings.put("sampling", toMap(config.sampling()));
            settings.put("tokens", dataIdentity(tokens));
            settings.put(
                    "held_out_files",
                    split.heldOut().items().stream().map(i -> i.name()).toList());
            settings.put(
                    "validation_files",
                    split.validation().stream().map(i -> i.name()).toList());
            plans.add(new PatternPlan(spec, lm, train, trainSequence, perStep * steps, settings));
        }
        return plans;
    }

    /** Identity of the token data: the codec that made it and every file with its length. */
    static Map<String, Object> dataIdentity(TokenDirectory tokens) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("codec", tokens.manifest().codec());
        id.put("files", tokens.manifest().files().size());
        id.put("frames", tokens.corpus().totalTimesteps());
        id.put(
                "listing_sha256",
                RunCache.fingerprint(Map.of(
                        "files",
                        tokens.manifest().files().stream()
                                .map(e -> e.name() + ":" + e.frames())
                                .toList())));
        // the codes themselves: replacing every file's contents (same names and lengths) must not reuse old runs
        id.put("contents_sha256", TokenDigest.sha256(tokens.corpus()));
        return id;
    }

    static Map<String, Object> toMap(Object record) {
        return ResultsJson.mapper().convertValue(record, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
