package dev.rvqlm.cli.eval;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.SparkOption;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.TorchThreads;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.cli.lm.LmOptions;
import dev.rvqlm.cli.lm.TrainCommand;
import dev.rvqlm.eval.cluster.ClusterEval;
import dev.rvqlm.eval.data.SplitLists;
import dev.rvqlm.eval.data.SplitPlan;
import dev.rvqlm.eval.report.ReportTables;
import dev.rvqlm.eval.report.ReportWriter;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ResultsJson;
import dev.rvqlm.eval.run.Budget;
import dev.rvqlm.eval.run.ChildRuns;
import dev.rvqlm.eval.run.EarlyStopping;
import dev.rvqlm.eval.run.EvalConfig;
import dev.rvqlm.eval.run.EvalRunner;
import dev.rvqlm.eval.run.Repeats;
import dev.rvqlm.eval.run.SamplingPlan;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.TokenDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code rvq eval}: one LM per pattern under one budget, measured and reported. */
public final class EvalCommand implements Command {

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "train one LM per pattern under one budget; report quality against compute";
    }

    static Options options() {
        LmTraining t = EvalConfig.defaultTraining();
        SplitPlan split = SplitPlan.defaults();
        EarlyStopping stop = EarlyStopping.defaults();
        Options options = new Options()
                .addOption(Arguments.valued("tokens", "DIR", "token directory (manifest.json + .npy files)"))
                .addOption(Option.builder()
                        .longOpt("model")
                        .hasArg()
                        .argName("SPEC")
                        .desc("a model to train, repeatable: a pattern spec or a depth model, as rvq train --model "
                                + "takes it (default: " + String.join(", ", EvalConfig.DEFAULT_PATTERNS) + ")")
                        .get())
                .addOption(Arguments.valued(
                        "out", "REPORT_DIR", "where the report goes (runs are kept in REPORT_DIR/runs for resuming)"))
                .addOption(Arguments.valued(
                        "codec",
                        "FILE",
                        "the codec that made the tokens: adds the decoded-audio metrics (log-mel Fréchet distance, "
                                + "mel distance)"))
                .addOption(Arguments.valued(
                        "budget",
                        "steps|flops",
                        "equal training steps (default) or equal training FLOPs (those of --steps steps of the first "
                                + "model)"));
        LmOptions.shape(options, ModelShape.small());
        LmOptions.training(
                options,
                t.toBuilder().evalEvery(stop.every()).build(),
                "; a run stops earlier when validation stops improving",
                "share of token files for validation (default " + split.validationFraction()
                        + "; 0: no early stopping, the last step counts)");
        repeatsAndSampling(options);
        LmOptions.sampling(options)
                .addOption(TorchThreads.option("one per core"))
                .addOption(RunJobs.option("1: every run in this process, using all cores; more suits small models, "
                        + "which gain little from more threads"))
                .addOption(SparkOption.option())
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
        return Arguments.aliases(
                options,
                "pattern",
                "model",
                "batch",
                "batch-size",
                "held-out",
                "test",
                "validation-fraction",
                "validation");
    }

    /** The seeds, the split and the stopping rule, and what is sampled for the audio metrics. */
    private static void repeatsAndSampling(Options options) {
        SamplingPlan s = SamplingPlan.defaults();
        SplitPlan split = SplitPlan.defaults();
        EarlyStopping stop = EarlyStopping.defaults();
        options.addOption(Arguments.valued(
                        "sizes",
                        "WxL,...",
                        "train every model at each of these sizes (width x layers, heads derived, e.g. "
                                + "64x2,128x2,256x4) for the compute frontier; replaces --dim/--layers/--heads"))
                .addOption(Arguments.valued(
                        "split-lists",
                        "TRAIN,VALID,TEST",
                        "the corpus's own split: three files listing its clips (paths relative to the corpus, "
                                + "e.g. the music corpus's train.txt,valid.txt,test.txt); replaces the random "
                                + "split by file"))
                .addOption(Arguments.valued(
                        "seeds",
                        "N",
                        "runs per model with seeds S, S+1, ...; figures get 95% intervals over seeds and files "
                                + "(default 1)"))
                .addOption(Arguments.flag(
                        "resplit",
                        "each seed draws its own test and validation files (default: the first seed's split for all)"))
                .addOption(Arguments.valued(
                        "test",
                        "FRACTION",
                        "share of token files held out for testing (default " + split.testFraction() + ")"))
                .addOption(Arguments.valued(
                        "patience",
                        "P",
                        "stop a run after P validations in a row more than 1% above its best (default "
                                + stop.patience() + "; 0: train to --steps)"))
                .addOption(
                        Arguments.valued("prompts", "P", "held-out prompts to continue (default " + s.prompts() + ")"))
                .addOption(Arguments.valued("prompt-seconds", "S", "prompt length (default " + s.promptSeconds() + ")"))
                .addOption(Arguments.valued(
                        "continuation-seconds", "S", "continuation length (default " + s.continuationSeconds() + ")"));
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options().addOption(RunJobs.onlyRun()), args);
        if (a.has("help")) {
            terminal.out()
                    .print(
                            Arguments.help(
                                    "rvq eval --tokens DIR --out REPORT_DIR [--model SPEC ...]",
                                    options,
                                    "rvq eval --tokens tokens/ --codec codec.rvq --out report/",
                                    "rvq eval --tokens tokens/ --out report/ --model delay --model flatten --model depth --steps 2000 --budget flops",
                                    "rvq eval --tokens tokens/ --out report/ --dim 64 --threads 1 --jobs 2   # two small runs at once"));
            return 0;
        }
        if (a.has(SparkOption.NAME)) {
            return onSpark(a, terminal);
        }
        Path tokens = Path.of(a.string("tokens"));
        Path out = Path.of(a.string("out"));
        EvalConfig config = config(a);
        AtomicFiles.requireWritableDirectory(out);
        int jobs = RunJobs.jobs(a, 1);
        TorchThreads.apply(a, 0, jobs);
        TokenDirectory data = TokenDirectory.read(tokens);
        if (a.has("codec")) {
            try (Codec codec = Codec.load(Path.of(a.string("codec")))) {
                return evaluate(a, config, jobs, args, data, Optional.of(codec), out, terminal);
            }
        }
        return evaluate(a, config, jobs, args, data, Optional.empty(), out, terminal);
    }

    private int evaluate(
            Arguments a,
            EvalConfig config,
            int jobs,
            List<String> args,
            TokenDirectory data,
            Optional<Codec> codec,
            Path out,
            Terminal terminal)
            throws IOException {
        if (a.has(RunJobs.ONLY_RUN)) {
            ChildRuns.haltWhenParentExits();
            new EvalRunner(config, terminal.err()::println).trainOnly(data, codec, out, a.string(RunJobs.ONLY_RUN));
            return 0;
        }
        EvalResults results = new EvalRunner(config, terminal.err()::println, RunJobs.scheduling(jobs, name(), args))
                .run(data, codec, out);
        if (a.has("json")) {
            terminal.out().println(ResultsJson.mapper().writeValueAsString(results));
        } else {
            printSummary(terminal, results, out);
        }
        return 0;
    }

    /** The runs on a Spark cluster; this process plans them and writes the report (tokens may be Hadoop URIs). */
    private static int onSpark(Arguments a, Terminal terminal) throws IOException {
        if (a.has("jobs") || a.has(RunJobs.ONLY_RUN)) {
            throw new UsageException("--jobs runs child processes on this machine; with --spark, Spark's executors "
                    + "train the runs: give one of them");
        }
        TorchThreads.apply(a, 0);
        ClusterEval job = new ClusterEval(
                a.string(SparkOption.NAME),
                config(a),
                a.string("tokens"),
                Optional.ofNullable(a.string("codec", null)),
                a.string("out"));
        EvalResults results = SparkOption.backend().eval(job, terminal.err()::println);
        if (a.has("json")) {
            terminal.out().println(ResultsJson.mapper().writeValueAsString(results));
        } else {
            printSummary(terminal, results, SparkOption.localPath(job.out()));
        }
        return 0;
    }

    static EvalConfig config(Arguments a) {
        EarlyStopping stop = EarlyStopping.defaults();
        SplitPlan split = SplitPlan.defaults();
        SamplingPlan s = SamplingPlan.defaults();
        LmTraining train =
                LmOptions.readTraining(a, EvalConfig.defaultTraining()).build();
        SamplingPlan sampling = new SamplingPlan(
                a.integer("prompts", s.prompts(), 0, 100_000),
                a.real("prompt-seconds", s.promptSeconds(), 0, 3600, false),
                a.real("continuation-seconds", s.continuationSeconds(), 0, 3600, true),
                LmOptions.readSampling(a),
                s.largeBatch());
        List<ModelEntry> models = a.strings("model").isEmpty()
                ? EvalConfig.defaultModels()
                : a.strings("model").stream().map(TrainCommand::entry).toList();
        SplitPlan plan = new SplitPlan(
                a.real("test", split.testFraction(), 0, 1, true),
                a.real("validation", split.validationFraction(), 0, 1, false),
                split.maxValidationWindows());
        return EvalConfig.builder()
                .models(models)
                .sizes(sizes(a, LmOptions.readShape(a, ModelShape.small())))
                .train(train)
                .budget(Budget.parse(a.string("budget", "steps")))
                .split(a.has("split-lists") ? plan.withLists(splitLists(a)) : plan)
                .stopping(new EarlyStopping(
                        a.integer("eval-every", stop.every(), 1, 100_000_000),
                        a.integer("patience", stop.patience(), 0, 100_000)))
                .sampling(sampling)
                .repeats(new Repeats(a.integer("seeds", 1, 1, 1000), a.has("resplit")))
                .build();
    }

    /** {@code --sizes WxL,...}, or the one size of --dim/--layers/--heads/--ffn (refused together). */
    static List<ModelShape> sizes(Arguments a, ModelShape single) {
        if (!a.has("sizes")) {
            return List.of(single);
        }
        for (String option : List.of("dim", "layers", "heads")) {
            if (a.has(option)) {
                throw new UsageException("--sizes and --" + option + " cannot be combined: give every size in --sizes");
            }
        }
        List<ModelShape> sizes = new ArrayList<>();
        for (String text : a.string("sizes").split(",")) {
            sizes.add(ModelShape.parseSize(text).toBuilder()
                    .ffnMultiplier(single.ffnMultiplier())
                    .build());
        }
        return sizes;
    }

    /** {@code --split-lists TRAIN,VALID,TEST}: the corpus's own split (refused with --resplit). */
    static SplitLists splitLists(Arguments a) {
        String[] files = a.string("split-lists").split(",");
        if (files.length != 3) {
            throw new UsageException("--split-lists takes three list files, TRAIN,VALID,TEST; got " + files.length);
        }
        if (a.has("resplit")) {
            throw new UsageException("--split-lists fixes the split: it cannot be combined with --resplit");
        }
        try {
            return SplitLists.read(Path.of(files[0]), Path.of(files[1]), Path.of(files[2]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary table, the verdict and where the report is, on stdout. */
    static void printSummary(Terminal terminal, EvalResults results, Path reportDir) {
        terminal.out().print(ReportTables.summary(results).text());
        terminal.out().println();
        terminal.out().println(ReportWriter.verdict(results));
        terminal.out()
                .println("report: " + reportDir.resolve(ReportWriter.REPORT_HTML) + " (also " + ReportWriter.REPORT_MD
                        + ", " + ReportWriter.RESULTS_JSON + ", " + ReportWriter.RESULTS_CSV + ")");
    }
}
