package dev.rvqlm.cli.lm;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.JsonOutput;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.TorchThreads;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.LmTrainer;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.NllResult;
import dev.rvqlm.lm.StepMetrics;
import dev.rvqlm.lm.TrainListener;
import dev.rvqlm.lm.TrainResult;
import dev.rvqlm.lm.TrainSetup;
import dev.rvqlm.lm.export.TrainedModels;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.TokenCorpus;
import dev.rvqlm.tokens.TokenDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.Options;

/** {@code rvq train}: trains one model (a pattern, or a depth model) on a token directory; writes a run directory. */
public final class TrainCommand implements Command {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a transformer LM on a token directory with a codebook pattern";
    }

    static Options options() {
        LmTraining d = LmTraining.defaults();
        Options options = new Options()
                .addOption(Arguments.valued("tokens", "DIR", "token directory (manifest.json + .npy, from rvq encode)"))
                .addOption(Arguments.valued(
                        "model",
                        "SPEC",
                        "the model: a codebook pattern for MusicGen's K heads (delay, "
                                + "partial-flatten:flattening=0,1,1,1, ...; see rvq patterns list) or a depth model, "
                                + "depth[:acoustic_delay=1][:dim=D'][:layers=L'][:heads=H'] (a temporal transformer "
                                + "over frames and a depth transformer over each frame's K codes)"))
                .addOption(Arguments.valued("out", "RUN_DIR", "run directory: checkpoint.rvqlm, metrics.jsonl"));
        LmOptions.shape(options, ModelShape.standard())
                .addOption(Arguments.valued(
                        "max-sequence-steps",
                        "S",
                        "longest sequence the model takes (default: the pattern's length for 4 x --timesteps); rvq "
                                + "sample generates any length on a window of the trained length"));
        LmOptions.training(
                        options,
                        d,
                        "; the live line counts them 1..N, metrics.jsonl's \"step\" from 0",
                        "share of the token files held out for the validation NLL and never trained on, chosen by "
                                + "--seed (default " + d.run().validationFraction() + ")")
                .addOption(Arguments.valued(
                        "accumulation",
                        "M",
                        "batches per optimizer step (default " + d.data().accumulation() + ")"))
                .addOption(Arguments.valued(
                        "weight-decay",
                        "W",
                        "AdamW decay on matrices (default " + d.optimizer().weightDecay() + ")"))
                .addOption(Arguments.valued(
                        "checkpoint-every",
                        "N",
                        "checkpoint every N steps (default " + d.run().checkpointEvery() + ")"))
                .addOption(TorchThreads.option("one per core"))
                .addOption(Arguments.valued(
                        "init",
                        "DIR",
                        "start from this model's weights (a run, a checkpoint, or an rvq export, e.g. one changed in "
                                + "PyTorch) rather than from random ones; its shape and pattern are kept"))
                .addOption(Arguments.flag(
                        "resume",
                        "continue the run in --out from its checkpoint, with its saved settings (setting options are "
                                + "refused with it)"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
        return Arguments.aliases(options, "pattern", "model", "batch", "batch-size", "held-out", "validation");
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        LmTraining d = LmTraining.defaults();
        Options options = options();
        Arguments a = Arguments.parse(options, withoutInterleaved(args, terminal));
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq train --tokens DIR --model SPEC --out RUN_DIR",
                            options,
                            "rvq train --tokens tokens/train --model delay --out runs/delay --steps 2000",
                            "rvq train --tokens tokens/train --model flatten --out runs/flat --dim 128 --layers 4 "
                                    + "--heads 4 --timesteps 32",
                            "rvq train --tokens tokens/train --model depth:acoustic_delay=1 --out runs/depth",
                            "rvq train --tokens tokens/train --out runs/delay --resume",
                            "rvq train --tokens tokens/train --init export/tuned --out runs/tuned --steps 500"));
            return 0;
        }
        Path out = Path.of(a.string("out"));
        if (a.has("resume")) {
            refuseSettingsOnResume(a, options);
        } else if (a.has("init")) {
            a.refuse(SHAPE, "with --init (the model keeps its own shape and pattern)");
        } else if (!a.has("model")) {
            throw new UsageException("missing required option --model (a pattern such as delay, or depth)");
        }
        // every setting is read before the data, so that a bad one fails at once
        LmTraining run = a.has("resume") ? null : training(a, d);
        ModelEntry entry = a.has("resume") || a.has("init") ? null : entry(a.string("model"));
        ModelShape shape = LmOptions.readShape(a, ModelShape.standard());
        int maxSteps = a.integer("max-sequence-steps", 0, 2, LmOptions.MAX_STEPS);
        AtomicFiles.requireWritableDirectory(out);
        TorchThreads.apply(a, 0);
        TokenCorpus corpus = TokenDirectory.read(Path.of(a.string("tokens"))).corpus();
        Progress progress = new Progress(terminal);
        TrainResult result;
        if (a.has("resume")) {
            result = resume(a, out, corpus, progress, terminal);
        } else if (a.has("init")) {
            result = fromInit(a, run, out, corpus, progress, terminal);
        } else {
            TrainSetup setup = TrainSetup.of(corpus, entry, shape, run, maxSteps);
            requireNoRun(out);
            terminal.err().println(setup.describe(corpus));
            LmModel model = LmModel.create(setup.config(), run.run().seed());
            result = new LmTrainer(run).train(model, corpus, setup.layout(), out, progress);
        }
        try (LmModel model = result.model()) {
            report(terminal, a.has("json"), out, result, corpus);
        }
        return 0;
    }

    /** Continues the run in {@code out} with its saved settings. */
    private static TrainResult resume(Arguments a, Path out, TokenCorpus corpus, Progress progress, Terminal terminal)
            throws IOException {
        if (!Files.exists(out.resolve(LmTrainer.CHECKPOINT))) {
            throw new IllegalArgumentException(out + " holds no " + LmTrainer.CHECKPOINT + " to resume");
        }
        TrainResult result = LmTrainer.resume(out, corpus, progress);
        if (a.has("model")
                && !entry(a.string("model"))
                        .layout(corpus.codebooks())
                        .equals(result.model().patternSpec())) {
            terminal.err()
                    .println("note: --model is ignored on --resume; the run uses "
                            + result.model().patternSpec());
        }
        return result;
    }

    /** Trains a new run from the weights, shape and pattern of {@code --init}. */
    private static TrainResult fromInit(
            Arguments a, LmTraining run, Path out, TokenCorpus corpus, Progress progress, Terminal terminal)
            throws IOException {
        LmModel model = TrainedModels.open(Path.of(a.string("init")));
        try {
            requireNoRun(out);
            String trainedOn = model.tokenizerId();
            if (!trainedOn.isEmpty() && !corpus.tokenizerId().isEmpty() && !trainedOn.equals(corpus.tokenizerId())) {
                throw new IllegalArgumentException("--init " + a.string("init") + " was trained on tokens of "
                        + trainedOn + " but these tokens come from " + corpus.tokenizerId());
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        terminal.err()
                .println("model: " + a.string("init") + ", " + model.parameterCount() + " parameters; pattern "
                        + model.patternSpec());
        return new LmTrainer(run).train(model, corpus, model.patternSpec(), out, progress);
    }

    private static void requireNoRun(Path out) {
        if (Files.exists(out.resolve(LmTrainer.CHECKPOINT))) {
            throw new IllegalArgumentException(out + " already holds a run; use --resume or another --out");
        }
    }

    /** The options that set a new model's shape and pattern. */
    static final List<String> SHAPE =
            List.of("model", "dim", "layers", "heads", "ffn", "dropout", "max-sequence-steps");

    /** The run settings from the options over {@code d}. */
    private static LmTraining training(Arguments a, LmTraining d) {
        return LmOptions.readTraining(a, d)
                .accumulation(a.integer("accumulation", d.data().accumulation(), 1, LmOptions.MAX_STEPS))
                .weightDecay(a.real("weight-decay", d.optimizer().weightDecay(), 0, 1, false))
                .evalEvery(a.integer("eval-every", d.run().evalEvery(), 0, LmOptions.MAX_STEPS))
                .checkpointEvery(a.integer("checkpoint-every", d.run().checkpointEvery(), 0, LmOptions.MAX_STEPS))
                .validationFraction(a.real("validation", d.run().validationFraction(), 0, 1, false))
                .build();
    }

    /** The result: a line, or with --json an object (steps, seconds, losses, checkpoint). */
    private static void report(Terminal terminal, boolean json, Path out, TrainResult result, TokenCorpus corpus) {
        NllResult val = result.validation();
        if (json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("run", out.toString());
            r.put("checkpoint", out.resolve(LmTrainer.CHECKPOINT).toString());
            r.put(
                    "model",
                    result.model().patternSpec() == null
                            ? null
                            : result.model().patternSpec().toString());
            r.put("parameters", result.model().parameterCount());
            r.put("steps", result.history().size());
            r.put("seconds", result.wallSeconds());
            r.put("finalLoss", result.history().isEmpty() ? null : result.finalLoss());
            r.put("validationNll", val == null ? null : val.meanOverCodebooks());
            r.put("validationBitsPerSecond", val == null ? null : val.bitsPerSecond(corpus.frameRate()));
            JsonOutput.print(terminal, r);
            return;
        }
        if (result.history().isEmpty()) {
            terminal.out().println("the run in " + out + " is already complete; nothing to train");
            return;
        }
        terminal.err().println();
        terminal.out()
                .printf(
                        Locale.ROOT,
                        "trained %d steps in %.1f s: loss %.4f%s; checkpoint %s%n",
                        result.history().size(),
                        result.wallSeconds(),
                        result.finalLoss(),
                        val == null
                                ? " (no held-out file)"
                                : String.format(
                                        Locale.ROOT,
                                        ", held-out NLL %.4f nats/code (%.0f bit/s)",
                                        val.meanOverCodebooks(),
                                        val.bitsPerSecond(corpus.frameRate())),
                        out.resolve(LmTrainer.CHECKPOINT));
    }

    /** The model a user named; a bad name says what {@code --model} takes. */
    public static ModelEntry entry(String text) {
        try {
            return ModelEntry.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--model: " + e.getMessage() + "; or a depth model, depth[:acoustic_delay=1]");
        }
    }

    /** The old {@code --model interleaved} (then the default, with {@code --pattern}) is dropped with a note. */
    private static List<String> withoutInterleaved(List<String> args, Terminal terminal) {
        List<String> out = new ArrayList<>(args);
        int i = out.indexOf("--model");
        if (i >= 0 && i + 1 < out.size() && out.get(i + 1).equals("interleaved")) {
            out.subList(i, i + 2).clear();
            terminal.err()
                    .println("note: --model interleaved is the default for a pattern; --model takes the "
                            + "pattern itself now (--model delay)");
        }
        return out;
    }

    /** Settings a run keeps from its start: given with --resume they would be ignored, so they are refused. */
    private static void refuseSettingsOnResume(Arguments a, Options options) {
        List<String> given = options.getOptions().stream()
                .map(o -> o.getLongOpt())
                .filter(name -> !List.of("tokens", "out", "resume", "model", "threads", "json", "help")
                        .contains(name))
                .filter(a::has)
                .map(name -> "--" + name)
                .sorted()
                .toList();
        if (!given.isEmpty()) {
            throw new UsageException("--resume continues the run with its saved settings; " + String.join(", ", given)
                    + " cannot change them (start a new run with another --out instead)");
        }
    }

    /**
     * One live line on stderr: steps done (1..N), loss, validation NLL, tokens/s, ETA. metrics.jsonl's "step" is
     * the 0-based index of the same step, so "step 4/4" here is step 3 there.
     */
    static final class Progress implements TrainListener {
        private final Terminal terminal;
        private double validation = Double.NaN;

        Progress(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public void onStep(StepMetrics m) {
            terminal.err()
                    .printf(
                            Locale.ROOT,
                            "\rstep %d/%d  loss %.4f  val %s  %,.0f tok/s  ETA %s   ",
                            m.step() + 1,
                            m.steps(),
                            m.loss(),
                            Double.isNaN(validation) ? "-" : String.format(Locale.ROOT, "%.4f", validation),
                            m.tokensPerSecond(),
                            duration(m.etaSeconds()));
            terminal.err().flush();
        }

        @Override
        public void onValidation(int step, NllResult result) {
            validation = result.meanOverCodebooks();
        }

        static String duration(double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                return "-";
            }
            long s = Math.round(seconds);
            return s >= 3600
                    ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                    : String.format("%dm%02ds", s / 60, s % 60);
        }
    }
}
