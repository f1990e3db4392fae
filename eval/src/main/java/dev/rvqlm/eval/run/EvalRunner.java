package dev.rvqlm.eval.run;

import dev.rvqlm.eval.data.HeldOutSplit;
import dev.rvqlm.eval.frontier.Frontiers;
import dev.rvqlm.eval.report.ReportWriter;
import dev.rvqlm.eval.results.Calibration;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.RunSpec;
import dev.rvqlm.eval.stats.Summaries;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.TokenDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The experiment: one LM per model (pattern or depth model), size and seed, with the same data and crops per seed,
 * under one budget; each selected on the same validation windows (early stopping), scored on the same test windows and prompts, and
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
     * Runs (or reuses) every run, then writes {@code results.json}, {@code results.csv}, {@code report.md},
     * {@code report.html} and the PNG figures into {@code reportDir}.
     *
     * @param codec the codec that made the tokens, for the audio metrics; empty skips them
     */
    public EvalResults run(TokenDirectory tokens, Optional<Codec> codec, Path reportDir) throws IOException {
        long start = System.nanoTime();
        RunPlanner.Prepared prepared = prepare(tokens, codec);
        List<RunPlan> plans = prepared.plans();
        RunCache cache = new RunCache(reportDir.resolve(RUNS));
        double[] costs = plans.stream().mapToDouble(RunPlan::trainFlops).toArray();
        EvalProgress progress = EvalProgress.every5s(
                log, plans.stream().map(p -> p.run().name()).toList(), costs);
        List<RunResult> results = runAll(prepared, tokens, codec, cache, progress);
        EvalResults evalResults = assemble(results, tokens, codec, prepared, (System.nanoTime() - start) / 1e9);
        ReportWriter.write(evalResults, reportDir);
        return evalResults;
    }

    /** The results of every run, in report order, with their summaries, comparisons and the shared settings. */
    private EvalResults assemble(
            List<RunResult> results,
            TokenDirectory tokens,
            Optional<Codec> codec,
            RunPlanner.Prepared prepared,
            double seconds)
            throws IOException {
        List<RunResult> ordered = byModelSizeSeed(results);
        double frameRate = tokens.frameRate();
        Summaries.Outcome outcome = Summaries.of(ordered, tokens.codebookSize(), tokens.codebooks() * frameRate);
        Calibration calibration =
                Baselines.calibration(tokens.directory(), config.models()).orElse(null);
        Map<String, Object> settings =
                SettingsText.of(config, tokens, codec, prepared.first(), prepared.plans(), seconds);
        return new EvalResults(ordered, outcome.summaries(), outcome.comparisons(), calibration, settings)
                .withFrontier(
                        Frontiers.of(ordered, tokens.codebooks(), frameRate).orElse(null))
                .withUnigram(Baselines.unigram(prepared.plans(), prepared.planSplits(), tokens.corpus()));
    }

    /**
     * Trains (or reuses) only {@code run}, with exactly the plan {@link #run} makes for it, stores it in
     * {@code reportDir}'s run cache and writes no report: what a child process of a parallel eval, or a worker of a
     * cluster, does ({@link ChildCommand}).
     */
    public RunResult trainOnly(TokenDirectory tokens, Optional<Codec> codec, Path reportDir, RunSpec run)
            throws IOException {
        RunPlanner.Prepared prepared = prepare(tokens, codec);
        int i = prepared.indexOf(run);
        RunPlan plan = prepared.plans().get(i);
        EvalProgress progress = EvalProgress.forChild(log, run.name(), plan.trainFlops());
        RunCache cache = new RunCache(reportDir.resolve(RUNS));
        Optional<RunResult> done = reused(0, plan, cache, progress);
        return done.isPresent()
                ? done.get()
                : train(0, plan, prepared.planSplits().get(i), tokens, codec, cache, progress);
    }

    /** {@link #trainOnly} for the run named {@code runName}, e.g. {@code "delay 128x2 seed 0"} ({@link RunSpec#name}). */
    public RunResult trainOnly(TokenDirectory tokens, Optional<Codec> codec, Path reportDir, String runName)
            throws IOException {
        return trainOnly(tokens, codec, reportDir, runNamed(runName));
    }

    /** The planned run called {@code name}. */
    public RunSpec runNamed(String name) {
        return runs().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this eval has no run named '" + name + "'; its runs: "
                        + String.join(", ", runs().stream().map(RunSpec::name).toList())));
    }

    /** Every run this eval plans, in plan order (seed, then size, then model), without reading any data. */
    public List<RunSpec> runs() {
        List<RunSpec> runs = new ArrayList<>();
        for (long seed : config.seeds()) {
            for (ModelShape size : config.sizes()) {
                for (ModelEntry model : config.models()) {
                    runs.add(new RunSpec(model, size, seed));
                }
            }
        }
        return runs;
    }

    private RunPlanner.Prepared prepare(TokenDirectory tokens, Optional<Codec> codec) {
        codec.ifPresent(c -> tokens.manifest().checkCodec(c.identity(), tokens.directory()));
        return new RunPlanner(config, log).prepare(tokens);
    }

    /**
     * Reuses every finished run, then trains the others: one after another in this process, or, with more than one
     * job and more than one run to train, in child processes (DJL's PyTorch engine allows one gradient collector per
     * process), which store their results in the cache for this process to read.
     */
    private List<RunResult> runAll(
            RunPlanner.Prepared prepared,
            TokenDirectory tokens,
            Optional<Codec> codec,
            RunCache cache,
            EvalProgress progress)
            throws IOException {
        List<RunPlan> plans = prepared.plans();
        RunResult[] results = new RunResult[plans.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Optional<RunResult> done = reused(i, plans.get(i), cache, progress);
            if (done.isPresent()) {
                results[i] = done.get();
            } else {
                pending.add(i);
            }
        }
        if (scheduling.cluster() != null && !pending.isEmpty()) {
            scheduling.cluster().trainAll(costliestFirst(jobs(pending, plans, cache)));
            for (int i : pending) {
                results[i] = storedBy("the cluster", plans.get(i), cache);
                progress.finishPattern(i, summary(results[i]));
            }
        } else if (scheduling.usesChildren(pending.size())) {
            new ChildRuns(scheduling, progress).run(jobs(pending, plans, cache), job -> {
                RunResult result = storedBy("the child process for " + job.name(), plans.get(job.index()), cache);
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

    private static List<ChildRuns.Job> jobs(List<Integer> pending, List<RunPlan> plans, RunCache cache) {
        return pending.stream()
                .map(i -> new ChildRuns.Job(
                        i,
                        plans.get(i).run().name(),
                        cache.directory(plans.get(i)),
                        plans.get(i).trainFlops()))
                .toList();
    }

    private static List<ChildRuns.Job> costliestFirst(List<ChildRuns.Job> jobs) {
        return jobs.stream()
                .sorted(Comparator.comparingDouble(ChildRuns.Job::cost).reversed())
                .toList();
    }

    /** The result a child or the cluster stored for {@code plan}: it said it finished, so it must be there. */
    private static RunResult storedBy(String who, RunPlan plan, RunCache cache) {
        return cache.finished(plan)
                .orElseThrow(() -> new IllegalStateException(
                        who + " finished " + plan.run().name() + " but stored no result in " + cache.directory(plan)));
    }

    /** The stored result of run {@code i} if it finished in an earlier eval, said in the progress. */
    private static Optional<RunResult> reused(int i, RunPlan plan, RunCache cache, EvalProgress progress) {
        Optional<RunResult> done = cache.finished(plan);
        if (done.isPresent()) {
            progress.startPattern(i, "reused the finished run in " + cache.directory(plan));
            progress.skipPattern(i);
        }
        return done;
    }

    /** Trains, scores and samples run {@code i} in this process and stores it in the cache. */
    private RunResult train(
            int i,
            RunPlan plan,
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
        Path runDir = cache.start(plan);
        RunResult result = new PatternRunner(config, tokens.corpus(), split, codec)
                .run(plan, runDir, cache.relativeDirectory(plan), run);
        cache.finish(plan, result);
        progress.finishPattern(i, summary(result));
        return result;
    }

    private static String summary(RunResult result) {
        return String.format(
                Locale.ROOT,
                "%.4f bits/code, %.1f bits/s (best step %d of %d), train %.1f s, RTF b1 %.3f",
                result.test().bitsPerCode(),
                result.test().bitsPerSecond(),
                result.training().selection().bestStep(),
                result.training().steps(),
                result.training().seconds(),
                result.sampling().rtfBatch1());
    }

    /** Runs grouped by model (in the order given), then size (in the order given), seeds ascending within each. */
    private List<RunResult> byModelSizeSeed(List<RunResult> results) {
        List<RunResult> ordered = new ArrayList<>();
        for (ModelEntry model : config.models()) {
            for (ModelShape size : config.sizes()) {
                results.stream()
                        .filter(r ->
                                r.run().model().equals(model) && r.run().size().equals(size))
                        .sorted(Comparator.comparingLong(r -> r.run().seed()))
                        .forEach(ordered::add);
            }
        }
        return ordered;
    }
}
