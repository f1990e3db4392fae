package dev.rvqlm.cli.bench;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.TorchThreads;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.lm.bench.LmBench;
import dev.rvqlm.lm.bench.SpeedTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Options options = options();
        Arguments a = Arguments.parse(options, args, true);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq bench lm [--config A|B|depth] [--json]",
                            options,
                            "MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=17179869184 rvq bench lm --json",
                            "rvq bench lm --bench mm,train_B --seconds 20",
                            "rvq bench lm --bench gen_cache_b1 --engine both --threads 1 --json",
                            "rvq bench lm --table speed/*.jsonl"));
            return 0;
        }
        if (a.has("table")) {
            terminal.out().print(table(a.operands()));
            return 0;
        }
        if (!a.operands().isEmpty()) {
            throw new UsageException("unexpected argument: " + a.operands().get(0) + " (files go with --table)");
        }
        double budget = a.real("seconds", 60, 0, 86_400, true);
        String engine = a.string("engine", "both");
        List<SampleConfig.Engine> engines = engine.equalsIgnoreCase("both")
                ? List.of(SampleConfig.Engine.JAVA, SampleConfig.Engine.DJL)
                : List.of(parseEngine(engine));
        TorchThreads.apply(a, 0);
        List<String> lines = new ArrayList<>();
        new LmBench(budget, engines).run(benchmarks(a), line -> {
            lines.add(line);
            terminal.out().println(line);
            terminal.out().flush();
        });
        if (!a.has("json")) {
            terminal.err()
                    .println("(" + lines.size() + " benchmarks; compare with /usr/bin/python3 bench/"
                            + "torch_lm_bench.py --bench NAME run in the same session)");
        }
        return 0;
    }

    private static Options options() {
        Options options = new Options()
                .addOption(Arguments.valued(
                        "config",
                        "A|B|depth",
                        "only this config's benchmarks (A: train_A and "
                                + "the sampling benchmarks; B: train_B; depth: the depth model on config A, beside "
                                + "bench/torch_depth_bench.py); default all, plus mm and rss_tiny"))
                .addOption(Arguments.valued("bench", "NAME", "run only these, comma-separated: " + LmBench.Bench.ids()))
                .addOption(Arguments.valued("seconds", "S", "target timed seconds per benchmark (default 60)"))
                .addOption(Arguments.valued(
                        "engine",
                        "java|djl|both",
                        "what runs the sampling benchmarks; both alternate their runs (default both)"))
                .addOption(Arguments.flag(
                        "table",
                        "run nothing: print the side-by-side table of the JSON records in the files given "
                                + "(rvq's and the PyTorch yardsticks', as bench/speed-table.sh writes them)"))
                .addOption(TorchThreads.option("one per core"))
                .addOption(Arguments.flag(
                        "json", "print only the results, one JSON line per benchmark (default: plus a summary)"))
                .addOption(Arguments.flag("help", "show this help"));
        return Arguments.aliases(options, "budget", "seconds");
    }

    /** --bench's list, else --config's, else every benchmark. */
    private static List<LmBench.Bench> benchmarks(Arguments a) {
        if (a.has("bench")) {
            return Arrays.stream(a.string("bench").split(","))
                    .map(LmBench.Bench::parse)
                    .toList();
        }
        return a.has("config") ? LmBench.Bench.ofConfig(a.string("config")) : List.of(LmBench.Bench.values());
    }

    private static SampleConfig.Engine parseEngine(String name) {
        try {
            return SampleConfig.Engine.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--engine must be java, djl or both, got " + name);
        }
    }

    /** The Markdown table of the records in {@code files}. */
    private static String table(List<String> files) throws IOException {
        if (files.isEmpty()) {
            throw new UsageException("--table needs the files of JSON records to read");
        }
        List<String> lines = new ArrayList<>();
        for (String file : files) {
            lines.addAll(Files.readAllLines(Path.of(file)));
        }
        return SpeedTable.markdown(SpeedTable.parse(lines));
    }
}
