package dev.rvqlm.cli.eval;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.TorchThreads;
import dev.rvqlm.eval.corpus.DemoCorpusConfig;
import dev.rvqlm.eval.demo.Demo;
import dev.rvqlm.eval.demo.DemoConfig;
import dev.rvqlm.eval.run.ChildRuns;
import dev.rvqlm.eval.run.EvalConfig;
import dev.rvqlm.eval.run.Repeats;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Options;

/** {@code rvq demo}: the built-in end-to-end run, no data to download. */
public final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "make music, train a codec, tokenize, compare the four patterns; prints the report path";
    }

    static Options options() {
        DemoConfig d = DemoConfig.defaults(0);
        return new Options()
                .addOption(Arguments.valued(
                        "out", "DIR", "output directory (default demo-out); the report goes to " + "DIR/report"))
                .addOption(
                        Arguments.valued("seed", "S", "seed of the LMs: initialisation, crops, sampling (default 0)"))
                .addOption(Arguments.valued(
                        "seeds", "N", "LM seeds S, S+1, ... per pattern, summarised with intervals " + "(default 1)"))
                .addOption(Arguments.valued(
                        "data-seed",
                        "S",
                        "seed of the music and the codec (default " + DemoConfig.DATA_SEED + ": the built-in corpus)"))
                .addOption(Arguments.valued(
                        "pieces", "N", "pieces of music (default " + d.corpus().pieces() + ")"))
                .addOption(Arguments.valued(
                        "piece-seconds",
                        "S",
                        "length of each piece (default " + d.corpus().secondsPerPiece() + ")"))
                .addOption(Arguments.valued(
                        "steps",
                        "N",
                        "cap on LM training steps per pattern; runs stop earlier "
                                + "when validation stops improving (default "
                                + d.eval().train().schedule().steps() + ")"))
                .addOption(TorchThreads.option("1: the demo's small models gain little from more"))
                .addOption(RunJobs.option(DemoConfig.defaultJobs() + ", the cores of this machine: its one-thread "
                        + "models run side by side"))
                .addOption(Arguments.flag("help", "show this help"));
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options().addOption(RunJobs.onlyRun()), args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq demo [--out DIR]",
                            options,
                            "rvq demo",
                            "rvq demo --out demo-out --seed 1   # same music and codec (reused), other LM seeds",
                            "rvq demo --seeds 3                 # three seeds per pattern, intervals over seeds and files",
                            "rvq demo --jobs 1                  # every LM run in this process, one after another"));
            return 0;
        }
        int jobs = RunJobs.jobs(a, DemoConfig.defaultJobs());
        TorchThreads.apply(a, 1, jobs);
        long seed = a.longInteger("seed", 0);
        long dataSeed = a.longInteger("data-seed", DemoConfig.DATA_SEED);
        DemoConfig defaults = DemoConfig.defaults(dataSeed, seed);
        DemoCorpusConfig corpus = new DemoCorpusConfig(
                dataSeed,
                a.integer("pieces", defaults.corpus().pieces()),
                a.real("piece-seconds", defaults.corpus().secondsPerPiece()));
        EvalConfig e = defaults.eval();
        EvalConfig eval = e.toBuilder()
                .train(e.train().toBuilder()
                        .steps(a.integer("steps", e.train().schedule().steps()))
                        .build())
                .repeats(new Repeats(a.integer("seeds", 1), false))
                .build();
        DemoConfig config = new DemoConfig(corpus, defaults.codec(), defaults.codecTraining(), eval);
        Path out = Path.of(a.string("out", "demo-out"));
        Demo demo = new Demo(config, terminal.err()::println);
        if (a.has(RunJobs.ONLY_RUN)) {
            ChildRuns.haltWhenParentExits();
            demo.trainOnly(out, a.string(RunJobs.ONLY_RUN));
            return 0;
        }
        Demo.Outcome outcome = demo.run(out, RunJobs.scheduling(jobs, name(), args));
        terminal.out().printf(Locale.ROOT, "demo finished in %.1f s%n%n", outcome.seconds());
        EvalCommand.printSummary(terminal, outcome.results(), outcome.reportDir());
        return 0;
    }
}
