package dev.rvqlm.cli.tokens;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.JsonOutput;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.tokens.synth.SourceEntropy;
import dev.rvqlm.tokens.synth.SynthConfig;
import dev.rvqlm.tokens.synth.SynthCorpus;
import dev.rvqlm.tokens.synth.SynthSourceConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Options;

/** {@code rvq tokens synth}: a token directory drawn from a source whose entropy is known exactly. */
public final class TokenSynthCommand implements Command {

    @Override
    public String name() {
        return "synth";
    }

    @Override
    public String summary() {
        return "write a token directory with known entropy (calibrates rvq eval)";
    }

    static Options options() {
        SynthConfig d = SynthConfig.defaults(0);
        SynthSourceConfig s = d.source();
        return new Options()
                .addOption(Arguments.valued("out", "DIR", "the token directory to write"))
                .addOption(Arguments.valued(
                        "source",
                        "KIND",
                        "default | coupled: streams nearly a function of the stream above in their frame, so "
                                + "parallel's bound lies far above the exact entropy (the options below override its "
                                + "settings; default: default)"))
                .addOption(Arguments.valued("codebooks", "K", "streams (default " + s.codebooks() + ")"))
                .addOption(
                        Arguments.valued("codebook-size", "N", "codes per stream (default " + s.codebookSize() + ")"))
                .addOption(Arguments.valued(
                        "support", "S", "codes each conditional table favours (default " + s.support() + ")"))
                .addOption(Arguments.valued(
                        "floor", "F", "share of each table spread over all N codes (default " + s.floor() + ")"))
                .addOption(Arguments.flag(
                        "no-own-past",
                        "streams k >= 1 depend only on stream k-1 of the same frame, "
                                + "not on their own past (an easier source)"))
                .addOption(Arguments.valued("files", "F", "token files (default " + d.files() + ")"))
                .addOption(Arguments.valued("frames", "T", "frames per file (default " + d.frames() + ")"))
                .addOption(Arguments.valued("frame-rate", "HZ", "frames per second (default " + d.frameRate() + ")"))
                .addOption(Arguments.valued("seed", "S", "draws the tables and the files (default 0)"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(
                            Arguments.help(
                                    "rvq tokens synth --out DIR [options]",
                                    options,
                                    "rvq tokens synth --out synth/",
                                    "rvq tokens synth --out synth-coupled/ --source coupled",
                                    "rvq tokens synth --out synth/ --codebooks 4 --codebook-size 16 --files 60 --frames 400 --seed 1",
                                    "rvq eval --tokens synth/ --out synth-report/   # prints the true bits/code beside each pattern"));
            return 0;
        }
        SynthConfig d = SynthConfig.defaults(0);
        long seed = a.longInteger("seed", 0);
        SynthSourceConfig s = SynthSourceConfig.preset(a.string("source", "default"), seed);
        SynthSourceConfig source = new SynthSourceConfig(
                a.integer("codebooks", s.codebooks(), 1, 64),
                a.integer("codebook-size", s.codebookSize(), 2, 1 << 20),
                a.integer("support", s.support(), 1, 1 << 20),
                a.real("floor", s.floor(), 0, 1, false),
                s.ownPast() && !a.has("no-own-past"),
                seed,
                s.firstSupport());
        SynthConfig config = new SynthConfig(
                source,
                a.integer("files", d.files(), 1, 1_000_000),
                a.integer("frames", d.frames(), 1, 100_000_000),
                a.real("frame-rate", d.frameRate(), 0, 1e6, true));
        SynthCorpus.Description written = SynthCorpus.write(config, Path.of(a.string("out")), terminal.err()::println);
        SourceEntropy e = written.entropy();
        if (a.has("json")) {
            JsonOutput.print(terminal, written);
            return 0;
        }
        terminal.out().printf(Locale.ROOT, "%-10s %14s %17s%n", "codebook", "exact bits", "parallel bound");
        for (int k = 0; k < e.exactBitsByCodebook().size(); k++) {
            terminal.out()
                    .printf(
                            Locale.ROOT,
                            "%-10s %14.4f %17.4f%n",
                            "k=" + k,
                            e.exactBitsByCodebook().get(k),
                            e.parallelBitsByCodebook().get(k));
        }
        terminal.out()
                .printf(Locale.ROOT, "%-10s %14.4f %17.4f%n", "mean", e.exactBitsPerCode(), e.parallelBitsPerCode());
        return 0;
    }
}
