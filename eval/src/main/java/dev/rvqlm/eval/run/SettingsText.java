package dev.rvqlm.eval.run;

import dev.rvqlm.eval.data.HeldOutSplit;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.TokenCorpus;
import dev.rvqlm.tokens.TokenDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The report's settings: one readable sentence per concern (what a reader needs to reproduce or judge the run). */
final class SettingsText {

    private SettingsText() {}

    static Map<String, Object> of(
            EvalConfig config,
            TokenDirectory tokens,
            Optional<Codec> codec,
            HeldOutSplit split,
            List<RunPlan> plans,
            double seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("patterns", config.models().stream().map(Object::toString).collect(Collectors.joining(", ")));
        s.put("seeds", seeds(config));
        s.put(config.sizes().size() == 1 ? "model" : "models", sizes(config, plans));
        s.put("training", training(config.train(), tokens));
        s.put("budget", budget(config, plans));
        s.put("model selection", selection(config.stopping(), split));
        s.put("data", data(tokens));
        s.put("split", split(split));
        s.put(
                "test windows",
                String.format(
                        Locale.ROOT,
                        "%d windows, %,d codes per codebook, each scored once",
                        split.windows().size(),
                        split.scoredFramesPerCodebook()));
        s.put("sampling", sampling(config.sampling(), split));
        s.put(
                "audio metrics",
                codec.map(c -> "decoded with codec " + c.identity()).orElse("none (no --codec)"));
        s.put(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores visible, Java "
                        + System.getProperty("java.version"));
        s.put("eval wall time", String.format(Locale.ROOT, "%.1f s", seconds));
        return s;
    }

    private static String seeds(EvalConfig config) {
        return config.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "))
                + (config.repeats().resplit()
                        ? " (each draws its own split)"
                        : " (held-out files fixed by seed " + config.seed() + ")");
    }

    /** Each size once (the first seed's plans), with its parameter count. */
    private static String sizes(EvalConfig config, List<RunPlan> plans) {
        List<String> sizes = new ArrayList<>();
        for (RunPlan plan : plans) {
            LmConfig lm = plan.lm();
            String size = String.format(
                    Locale.ROOT,
                    "D=%d, L=%d, H=%d, FFN %d×D, dropout %s",
                    lm.dim(),
                    lm.layers(),
                    lm.heads(),
                    lm.ffnMultiplier(),
                    lm.dropout());
            if (plan.run().seed() == config.seed() && sizes.stream().noneMatch(x -> x.startsWith(size))) {
                sizes.add(size + ": " + String.format(Locale.ROOT, "%,d parameters", lm.parameterCount())
                        + (config.models().size() > 1 ? " (" + plan.run().model() + ")" : ""));
            }
        }
        return String.join("; ", sizes);
    }

    private static String training(LmTraining t, TokenDirectory tokens) {
        return String.format(
                Locale.ROOT,
                "crops of T=%d frames (%.2f s), batch %d × %d accumulation; "
                        + "AdamW lr %.3g, %d warm-up steps, cosine to %.3g at the cap; weight decay %s; clip %s",
                t.data().timesteps(),
                t.data().timesteps() / tokens.frameRate(),
                t.data().batch(),
                t.data().accumulation(),
                t.schedule().learningRate(),
                t.schedule().warmupSteps(),
                t.schedule().minLearningRate(),
                t.optimizer().weightDecay(),
                t.optimizer().clipNorm());
    }

    private static String budget(EvalConfig config, List<RunPlan> plans) {
        LmTraining t = config.train();
        String budget = config.budget() == Budget.STEPS
                ? "equal steps: cap " + t.schedule().steps() + " steps per pattern"
                : String.format(
                        Locale.ROOT,
                        "equal training FLOPs: %.3g per pattern (the cap of %d steps of %s)",
                        plans.get(0).trainFlops(),
                        t.schedule().steps(),
                        config.models().get(0));
        return budget + "; step caps "
                + plans.stream()
                        .filter(p -> p.train().run().seed() == config.seed())
                        .map(p -> p.run().model() + " " + p.run().size().label() + " "
                                + p.train().schedule().steps())
                        .collect(Collectors.joining(", "));
    }

    private static String selection(EarlyStopping stop, HeldOutSplit split) {
        if (split.validationWindows().isEmpty()) {
            return "no validation files: the last step is scored and sampled";
        }
        return String.format(
                Locale.ROOT,
                "validation every %d steps (and at a few log-spaced early steps) on %d windows of %d files; %s; the "
                        + "best validation step's checkpoint is scored on the test files and sampled",
                stop.every(),
                split.validationWindows().size(),
                split.validation().size(),
                stop.patience() == 0
                        ? "no early stopping"
                        : String.format(
                                Locale.ROOT,
                                "a run stops after %d validations in a row more than %.0f%% above its best, once its "
                                        + "best is %.0f%% below the unigram baseline",
                                stop.patience(),
                                100 * stop.rise(),
                                100 * stop.plateau()));
    }

    private static String data(TokenDirectory tokens) {
        return String.format(
                Locale.ROOT,
                "%s: %d files, %.1f min; K=%d codebooks of N=%d codes at %.1f frames/s; made by %s",
                tokens.directory().getFileName(),
                tokens.corpus().items().size(),
                tokens.corpus().totalTimesteps() / tokens.frameRate() / 60,
                tokens.codebooks(),
                tokens.codebookSize(),
                tokens.frameRate(),
                tokens.manifest().codec());
    }

    private static String split(HeldOutSplit split) {
        return String.format(
                Locale.ROOT,
                "%d train, %d validation, %d test files (test: %s)",
                split.train().items().size(),
                split.validation().size(),
                split.heldOut().items().size(),
                split.heldOut().items().stream().map(TokenCorpus.Item::name).collect(Collectors.joining(", ")));
    }

    private static String sampling(SamplingPlan sampling, HeldOutSplit split) {
        return String.format(
                Locale.ROOT,
                "%d held-out prompts of %.2f s continued for %.2f s; temperature %s, top-k %d, top-p %s",
                split.prompts().size(),
                sampling.promptSeconds(),
                sampling.continuationSeconds(),
                sampling.sample().temperature(),
                sampling.sample().topK(),
                sampling.sample().topP());
    }
}
