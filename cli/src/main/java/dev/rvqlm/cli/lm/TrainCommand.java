package dev.rvqlm.cli.lm;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.TorchThreads;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.lm.DepthSpec;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.LmTrainer;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.NllResult;
import dev.rvqlm.lm.StepMetrics;
import dev.rvqlm.lm.TrainListener;
import dev.rvqlm.lm.TrainResult;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.TokenCorpus;
import dev.rvqlm.tokens.TokenDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Options;

/** {@code rvq train}: trains an LM on a token directory under one pattern; writes a run directory. */
public final class TrainCommand implements Command {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a transformer LM on a token directory with a codebook pattern";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        LmTraining d = LmTraining.defaults();
        ModelShape shape = ModelShape.standard();
        Options options = new Options()
                .addOption(Arguments.valued("tokens", "DIR", "token directory (manifest.json + .npy, from rvq encode)"))
                .addOption(Arguments.valued(
                        "pattern",
                        "SPEC",
                        "codebook pattern, e.g. delay or "
                                + "partial-flatten:flattening=0,1,1,1 (see rvq patterns list)"))
                .addOption(Arguments.valued(
                        "model",
                        "FAMILY",
                        "interleaved (default: MusicGen's K heads over "
                                + "--pattern) or depth[:acoustic_delay=1][:dim=D'][:layers=L'][:heads=H'] (a temporal "
                                + "transformer over frames and a depth transformer over each frame's K codes; the layout "
                                + "is parallel, or Moshi's acoustic delay; no --pattern)"))
                .addOption(Arguments.valued("out", "RUN_DIR", "run directory: checkpoint.rvqlm, metrics.jsonl"))
                .addOption(Arguments.valued("dim", "D", "model width (default " + shape.dim() + ")"))
                .addOption(Arguments.valued("layers", "L", "decoder blocks (default " + shape.layers() + ")"))
                .addOption(Arguments.valued("heads", "H", "attention heads (default " + shape.heads() + ")"))
                .addOption(Arguments.valued("dropout", "P", "residual dropout (default " + shape.dropout() + ")"))
                .addOption(Arguments.valued(
                        "max-sequence-steps",
                        "S",
                        "longest sequence the model takes "
                                + "(default: the pattern's length for 4 x --timesteps); rvq sample generates any length on a "
                                + "window of the trained length"))
                .addOption(Arguments.valued(
                        "timesteps",
                        "T",
                        "frames per training crop (default " + d.data().timesteps() + ")"))
                .addOption(Arguments.valued(
                        "batch", "B", "crops per batch (default " + d.data().batch() + ")"))
                .addOption(Arguments.valued(
                        "accumulation",
                        "M",
                        "batches per optimizer step (default " + d.data().accumulation() + ")"))
                .addOption(Arguments.valued(
                        "steps",
                        "N",
                        "optimizer steps (default " + d.schedule().steps() + "; the live line "
                                + "counts them 1..N, metrics.jsonl's \"step\" from 0)"))
                .addOption(Arguments.valued(
                        "lr",
                        "RATE",
                        "peak learning rate (default " + d.schedule().learningRate() + "; decays to a tenth)"))
                .addOption(Arguments.valued(
                        "warmup",
                        "N",
                        "linear warm-up steps (default " + d.schedule().warmupSteps() + ")"))
                .addOption(Arguments.valued(
                        "weight-decay",
                        "W",
                        "AdamW decay on matrices (default " + d.optimizer().weightDecay() + ")"))
                .addOption(Arguments.valued(
                        "eval-every",
                        "N",
                        "validation every N steps (default " + d.run().evalEvery() + ")"))
                .addOption(Arguments.valued(
                        "checkpoint-every",
                        "N",
                        "checkpoint every N steps (default " + d.run().checkpointEvery() + ")"))
                .addOption(Arguments.valued(
                        "held-out",
                        "F",
                        "share of the token files held out for the validation "
                                + "NLL and never trained on, chosen by --seed (default "
                                + d.run().validationFraction() + ")"))
                .addOption(Arguments.valued("seed", "N", "seed of initialisation, split, crops (default 0)"))
                .addOption(TorchThreads.option("one per core"))
                .addOption(Arguments.flag(
                        "resume",
                        "continue the run in --out from its checkpoint, with its saved "
                                + "settings (setting options are refused with it)"))
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq train --tokens DIR --pattern SPEC --out RUN_DIR [options]",
                            options,
                            "rvq train --tokens tokens/train --pattern delay --out runs/delay --steps 2000",
                            "rvq train --tokens tokens/train --pattern flatten --out runs/flat --dim 128 --layers 4 "
                                    + "--heads 4 --timesteps 32",
                            "rvq train --tokens tokens/train --model depth:acoustic_delay=1 --out runs/depth",
                            "rvq train --tokens tokens/train --out runs/delay --resume"));
            return 0;
        }
        Path out = Path.of(a.string("out"));
        if (a.has("resume")) {
            refuseSettingsOnResume(a, options);
        }
        AtomicFiles.requireWritableDirectory(out);
        TorchThreads.apply(a, 0);
        TokenCorpus corpus = TokenDirectory.read(Path.of(a.string("tokens"))).corpus();
        Progress progress = new Progress(terminal);
        TrainResult result;
        if (a.has("resume")) {
            if (!Files.exists(out.resolve(LmTrainer.CHECKPOINT))) {
                throw new IllegalArgumentException(out + " holds no " + LmTrainer.CHECKPOINT + " to resume");
            }
            result = LmTrainer.resume(out, corpus, progress);
            if (a.has("pattern")
                    && !PatternSpec.parse(a.string("pattern"))
                            .equals(result.model().patternSpec())) {
                terminal.err()
                        .println("note: --pattern is ignored on --resume; the run uses "
                                + result.model().patternSpec());
            }
        } else {
            String family = a.string("model", "interleaved");
            if (!family.equals("interleaved") && !DepthSpec.names(family)) {
                throw new IllegalArgumentException("--model takes interleaved (with --pattern) or a depth model, "
                        + "depth[:acoustic_delay=1][:dim=D'][:layers=L'][:heads=H']; got '" + family + "'");
            }
            if (!family.equals("interleaved") && a.has("pattern")) {
                throw new IllegalArgumentException("--model " + family + " lays out the steps itself (parallel, or "
                        + "delay with acoustic_delay); drop --pattern");
            }
            ModelEntry entry = ModelEntry.parse(family.equals("interleaved") ? a.string("pattern") : family);
            ModelEntry.Depth depth = entry instanceof ModelEntry.Depth depthEntry ? depthEntry : null;
            PatternSpec spec = entry.layout(corpus.codebooks());
            LmTraining run = TrainingOptions.read(a, d)
                    .accumulation(a.integer("accumulation", d.data().accumulation()))
                    .weightDecay(a.real("weight-decay", d.optimizer().weightDecay()))
                    .evalEvery(a.integer("eval-every", d.run().evalEvery()))
                    .checkpointEvery(a.integer("checkpoint-every", d.run().checkpointEvery()))
                    .validationFraction(a.real("held-out", d.run().validationFraction()))
                    .build();
            int k = corpus.codebooks();
            int timesteps = run.data().timesteps();
            int fullSteps = spec.pattern(k, timesteps).layout().size();
            int validSteps = spec.pattern(k, timesteps).validLayout().size();
            ModelShape temporal = shape.toBuilder()
                    .dim(a.integer("dim", shape.dim()))
                    .layers(a.integer("layers", shape.layers()))
                    .heads(a.integer("heads", shape.heads()))
                    .dropout(a.real("dropout", shape.dropout()))
                    .build();
            int maxSteps = a.integer("max-sequence-steps", ModelShape.defaultMaxSequenceSteps(spec, k, timesteps));
            LmConfig config = entry.lmConfig(temporal, k, corpus.codebookSize(), maxSteps);
            if (Files.exists(out.resolve(LmTrainer.CHECKPOINT))) {
                throw new IllegalArgumentException(out + " already holds a run; use --resume or another --out");
            }
            terminal.err()
                    .printf(
                            Locale.ROOT,
                            "model: K=%d N=%d D=%d L=%d H=%d%s, %,d parameters; %d files, "
                                    + "%,d frames; pattern %s (S=%d valid steps per crop, as eval counts them; %d in the full "
                                    + "layout)%n",
                            k,
                            config.codebookSize(),
                            config.dim(),
                            config.layers(),
                            config.heads(),
                            depth == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            "; %s D'=%d L'=%d H'=%d",
                                            depth,
                                            config.depth().dim(),
                                            config.depth().layers(),
                                            config.depth().heads()),
                            config.parameterCount(),
                            corpus.items().size(),
                            corpus.totalTimesteps(),
                            spec,
                            validSteps,
                            fullSteps);
            LmModel model = LmModel.create(config, run.run().seed());
            result = new LmTrainer(run).train(model, corpus, spec, out, progress);
        }
        try (LmModel model = result.model()) {
            if (result.history().isEmpty()) {
                terminal.out().println("the run in " + out + " is already complete; nothing to train");
                return 0;
            }
            terminal.err().println();
            NllResult val = result.validation();
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
        return 0;
    }

    /** Settings a run keeps from its start: given with --resume they would be ignored, so they are refused. */
    private static void refuseSettingsOnResume(Arguments a, Options options) {
        List<String> given = options.getOptions().stream()
                .map(o -> o.getLongOpt())
                .filter(name -> !List.of("tokens", "out", "resume", "pattern", "threads", "help")
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
