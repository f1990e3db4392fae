package dev.rvqlm.cli.bench;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.TorchThreads;
import dev.rvqlm.lm.bench.LmBench;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.Options;

/** {@code rvq bench lm}: the LM's training and sampling speed beside PyTorch's yardstick (one JSON line each). */
public final class LmBenchCommand implements Command {

    @Override
    public String name() {
        return "lm";
    }

    @Override
    public String summary() {
        return "LM training step, sampling speed, MFU and memory (JSON lines, as torch_lm_bench.py)";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued(
                        "config",
                        "A|B|depth",
                        "only this config's benchmarks (A: train_A and "
                                + "the sampling benchmarks; B: train_B; depth: the depth model on config A, beside "
                                + "bench/torch_depth_bench.py); default all, plus mm and rss_tiny"))
                .addOption(Arguments.valued("bench", "NAME", "run only these, comma-separated: " + LmBench.Bench.ids()))
                .addOption(Arguments.valued("seconds", "S", "target timed seconds per benchmark (default 60)"))
                .addOption(TorchThreads.option("one per core"))
                .addOption(Arguments.flag(
                        "json", "print only the results, one JSON line per benchmark (default: plus a summary)"))
                .addOption(Arguments.flag("help", "show this help"));
        Arguments.aliases(options, "budget", "seconds");
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq bench lm [--config A|B|depth] [--json]",
                            options,
                            "MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=17179869184 rvq bench lm --json",
                            "rvq bench lm --bench mm,train_B --seconds 20"));
            return 0;
        }
        List<LmBench.Bench> names;
        if (a.has("bench")) {
            names = Arrays.stream(a.string("bench").split(","))
                    .map(LmBench.Bench::parse)
                    .toList();
        } else if (a.has("config")) {
            names = LmBench.Bench.ofConfig(a.string("config"));
        } else {
            names = List.of(LmBench.Bench.values());
        }
        double budget = a.real("seconds", 60, 0, 86_400, true);
        TorchThreads.apply(a, 0);
        boolean jsonOnly = a.has("json");
        List<String> lines = new ArrayList<>();
        new LmBench(budget).run(names, line -> {
            lines.add(line);
            terminal.out().println(line);
            terminal.out().flush();
        });
        if (!jsonOnly) {
            terminal.err()
                    .println("(" + lines.size() + " benchmarks; compare with /usr/bin/python3 bench/"
                            + "torch_lm_bench.py --bench NAME run in the same session)");
        }
        return 0;
    }
}
