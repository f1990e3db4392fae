package dev.rvqlm.eval.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rvqlm.eval.data.HeldOutSplit;
import dev.rvqlm.eval.results.ResultsJson;
import dev.rvqlm.eval.results.RunSpec;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.TokenDigest;
import dev.rvqlm.tokens.TokenDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plans an eval: the held-out split of each seed, then one {@link RunPlan} per seed × size × model, in that order
 * (so an interrupted eval has whole seeds first). Every process that takes part in an eval (this one, a child, a
 * Spark executor) plans it the same way from the same settings and tokens, so a run is found by its
 * {@link RunSpec}.
 */
final class RunPlanner {

    /** Bumped when a change makes stored run results incomparable with new ones. */
    static final int RESULT_FORMAT = 3;

    private final EvalConfig config;
    private final Consumer<String> log;

    RunPlanner(EvalConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** Every run's plan and split, in plan order, and the first seed's split. */
    record Prepared(List<RunPlan> plans, List<HeldOutSplit> planSplits, HeldOutSplit first) {

        /** The index of {@code run} in the plan. */
        int indexOf(RunSpec run) {
            for (int i = 0; i < plans.size(); i++) {
                if (plans.get(i).run().equals(run)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("this eval has no run " + run.name() + "; its runs: "
                    + String.join(", ", plans.stream().map(p -> p.run().name()).toList()));
        }
    }

    Prepared prepare(TokenDirectory tokens) {
        double frameRate = tokens.frameRate();
        SamplingPlan sampling = config.sampling();
        int p = sampling.promptFrames(frameRate);
        int c = sampling.continuationFrames(frameRate);
        Map<Long, HeldOutSplit> splits = new LinkedHashMap<>();
        for (long seed : config.seeds()) {
            long splitSeed = splitSeed(seed);
            if (!splits.containsKey(splitSeed)) {
                splits.put(splitSeed, split(tokens, splitSeed, p, c));
            }
        }
        HeldOutSplit first = splits.values().iterator().next();
        logData(tokens, first, p, c);
        List<RunPlan> plans = new ArrayList<>();
        List<HeldOutSplit> planSplits = new ArrayList<>();
        for (long seed : config.seeds()) {
            HeldOutSplit split = splits.get(splitSeed(seed));
            for (ModelShape size : config.sizes()) {
                for (RunPlan plan : plan(tokens, split, p + c, seed, size)) {
                    plans.add(plan);
                    planSplits.add(split);
                }
            }
        }
        return new Prepared(plans, planSplits, first);
    }

    private long splitSeed(long seed) {
        return config.repeats().resplit() ? seed : config.seed();
    }

    private void logData(TokenDirectory tokens, HeldOutSplit first, int promptFrames, int continuationFrames) {
        int seeds = config.seeds().size();
        log.accept(String.format(
                Locale.ROOT,
                "data: %d token files (K=%d, N=%d, %.1f frames/s); %d train, %d validation (%d windows), %d test: "
                        + "%d scoring windows of up to %d frames, %d prompts of %d + %d frames; %d seed%s%s",
                tokens.corpus().items().size(),
                tokens.codebooks(),
                tokens.codebookSize(),
                tokens.frameRate(),
                first.train().items().size(),
                first.validation().size(),
                first.validationWindows().size(),
                first.heldOut().items().size(),
                first.windows().size(),
                config.train().data().timesteps(),
                first.prompts().size(),
                promptFrames,
                continuationFrames,
                seeds,
                seeds == 1 ? "" : "s",
                config.repeats().resplit() ? ", each with its own split" : ""));
    }

    /** Each model's LM config, steps under the budget, FLOPs and identifying settings, for one seed and size. */
    List<RunPlan> plan(TokenDirectory tokens, HeldOutSplit split, int sampledFrames, long seed, ModelShape size) {
        int k = tokens.codebooks();
        int n = tokens.codebookSize();
        LmTraining base = config.train().toBuilder()
                .validationFraction(0)
                .validationWindows(0)
                .evalEvery(0)
                .checkpointEvery(0)
                .seed(seed)
                .build();
        int t = base.data().timesteps();
        double budgetFlops = Double.NaN;
        List<RunPlan> plans = new ArrayList<>();
        for (ModelEntry model : config.models()) {
            PatternSpec layout = model.layout(k);
            int longest = RunPlan.longestSequence(layout, k, t, t, sampledFrames);
            LmConfig lm = model.lmConfig(size, k, n, longest);
            double perStep = RunPlan.flopsPerOptimizerStep(lm, base, RunPlan.trainSequence(layout, k, t));
            int steps = base.schedule().steps();
            if (config.budget() == Budget.FLOPS) {
                if (Double.isNaN(budgetFlops)) {
                    budgetFlops = perStep * base.schedule().steps();
                }
                steps = (int) Math.max(1, Math.round(budgetFlops / perStep));
            }
            LmTraining train = base.toBuilder().steps(steps).build();
            RunSpec run = new RunSpec(model, size, seed);
            plans.add(RunPlan.of(run, lm, train, settings(run, lm, train, tokens, split)));
        }
        return plans;
    }

    /**
     * What identifies a run in the cache. Keep these keys and their text as they are: a changed key changes every
     * run's fingerprint, and finished runs are no longer reused (bump {@link #RESULT_FORMAT} when that is meant).
     */
    private Map<String, Object> settings(
            RunSpec run, LmConfig lm, LmTraining train, TokenDirectory tokens, HeldOutSplit split) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("result_format", RESULT_FORMAT);
        settings.put("pattern", run.model().toString());
        settings.put("lm", toMap(lm));
        settings.put("train", toMap(train));
        settings.put("budget", config.budget().label());
        settings.put("stopping", stoppingIdentity(config.stopping()));
        settings.put("split", toMap(config.split()));
        settings.put("sampling", toMap(config.sampling()));
        settings.put("tokens", dataIdentity(tokens));
        settings.put(
                "held_out_files",
                split.heldOut().items().stream().map(i -> i.name()).toList());
        settings.put(
                "validation_files",
                split.validation().stream().map(i -> i.name()).toList());
        return settings;
    }

    /**
     * The stopping rule as far as it shapes a run. Its margins act only when it may stop a run (patience above 0);
     * a run trained to the cap is validated at the same steps and keeps the same best step whatever they are, so
     * runs stored before the margins existed are still found.
     */
    static Map<String, Object> stoppingIdentity(EarlyStopping stopping) {
        Map<String, Object> identity = toMap(stopping);
        if (stopping.patience() == 0) {
            identity.keySet().retainAll(List.of("every", "patience"));
        }
        return identity;
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
        if (split.prompts().isEmpty()) {
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
