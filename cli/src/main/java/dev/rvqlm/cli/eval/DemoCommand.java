package dev.rvqlm.cli.eval;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.TorchThreads;
import dev.rvqlm.eval.corpus.DemoCorpusConfig;
import dev.rvqlm.eval.demo.Demo;
import dev.rvqlm.eval.demo.DemoConfig;
import dev.rvqlm.eval.run.EvalConfig;
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
                .addOption(Arguments.valued("out", "DIR", "output directory (default demo-out); the report goes to "
                        + "DIR/report"))
                .addOption(Arguments.valued("seed", "S", "seed of the music, the codec and every LM (default 0)"))
                .addOption(Arguments.valued("pieces", "N", "pieces of music (default " + d.corpus().pieces() + ")"))
                .addOption(Arguments.valued("piece-seconds", "S", "length of each piece (default "
                        + d.corpus().secondsPerPiece() + ")"))
                .addOption(Arguments.valued("steps", "N", "LM training steps per pattern (default "
                        + d.eval().train().schedule().steps() + ")"))
                .addOption(TorchThreads.option("1: the demo's small models gain little from more"))
                .addOption(Arguments.flag("help", "show this help"));
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out().print(Arguments.help("rvq demo [--out DIR]", options, "rvq demo",
                    "rvq demo --out demo-seed3 --seed 3"));
            return 0;
        }
        TorchThreads.apply(a, 1);
        long seed = a.longInteger("seed", 0);
        DemoConfig defaults = DemoConfig.defaults(seed);
        DemoCorpusConfig corpus = new DemoCorpusConfig(seed, a.integer("pieces", defaults.corpus().pieces()),
                a.real("piece-seconds", defaults.corpus().secondsPerPiece()));
        EvalConfig e = defaults.eval();
        EvalConfig eval = new EvalConfig(e.patterns(), e.model(),
                e.train().toBuilder().steps(a.integer("steps", e.train().schedule().steps())).build(), e.budget(),
                e.heldOutFraction(),
                e.sampling());
        DemoConfig config = new DemoConfig(corpus, defaults.codec(), defaults.codecTraining(), eval);
        Path out = Path.of(a.string("out", "demo-out"));
        Demo.Outcome outcome = new Demo(config, terminal.err()::println).run(out);
        terminal.out().printf(Locale.ROOT, "demo finished in %.1f s%n%n", outcome.seconds());
        EvalCommand.printSummary(terminal, outcome.results(), outcome.reportDir());
        return 0;
    }
}
