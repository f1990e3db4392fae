package dev.rvqlm.lm.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.LmTrainer;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.lm.Sampler;
import dev.rvqlm.lm.StepMetrics;
import dev.rvqlm.tokens.TokenCorpus;
import dev.rvqlm.lm.TrainConfig;
import dev.rvqlm.lm.TrainListener;
import dev.rvqlm.patterns.PatternSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The LM speed benchmarks behind {@code rvq bench lm}, the same workloads as {@code torch_lm_bench.py}: fp32
 * matmul peak ({@code mm}), a full training step of configs A and B ({@code train_A}, {@code train_B}: forward,
 * backward, clipping, AdamW over B·S·K codes), cached sampling of 512 steps at batch 1 and 8 and recompute sampling
 * of 128 steps at batch 1 ({@code gen_cache_b1}, {@code gen_cache_b8}, {@code gen_naive_b1}: config A, empty
 * prompt, temperature 1, top-k 250), and resident memory over 2,000 tiny training steps ({@code rss_tiny}; run
 * it with a fixed, pre-touched Java heap, {@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}, or the heap's own growth
 * hides whether native memory stays flat).
 * Each benchmark emits one JSON line.
 *
 * <pre>{@code
 * new LmBench(60).run(List.of("mm", "train_B"), System.out::println);
 * }</pre>
 */
public final class LmBench {

    /** A benchmark model shape and batch (the yardstick's CONFIGS). */
    public record Shape(String name, LmConfig config, int steps, int batch) {}

    public static final Shape A = new Shape("A", new LmConfig(4, 1024, 256, 6, 8, 4, 0.0, 1024), 512, 8);
    public static final Shape B = new Shape("B", new LmConfig(4, 256, 128, 2, 4, 4, 0.0, 1024), 256, 8);
    public static final List<String> ALL = List.of("mm", "train_B", "train_A", "gen_cache_b1", "gen_cache_b8",
            "gen_naive_b1", "rss_tiny");

    private final double budgetSeconds;
    private double peakGflops = Double.NaN;

    /** @param budgetSeconds target timed seconds per benchmark */
    public LmBench(double budgetSeconds) {
        this.budgetSeconds = budgetSeconds;
    }

    /** Runs the named benchmarks in order; an unknown name throws IllegalArgumentException before anything runs. */
    public void run(List<String> names, Consumer<String> out) throws IOException {
        for (String name : names) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("unknown benchmark '" + name + "' (one of: " + ALL + ")");
            }
        }
        for (String name : names) {
            Map<String, Object> rec = switch (name) {
                case "mm" -> matmul();
                case "train_A" -> train(A);
                case "train_B" -> train(B);
                case "gen_cache_b1" -> generate(1, 512, SampleConfig.Decoding.CACHED);
                case "gen_cache_b8" -> generate(8, 512, SampleConfig.Decoding.CACHED);
                case "gen_naive_b1" -> generate(1, 128, SampleConfig.Decoding.RECOMPUTE);
                case "rss_tiny" -> rssTiny();
                default -> throw new IllegalArgumentException(name);
            };
            rec.put("peak_rss_mib", round(procStatusMib("VmHWM")));
            out.accept(json(rec));
        }
    }

    // ------------------------------------------------------------------------------------------------ matmul

    private Map<String, Object> matmul() {
        long[][] shapes = { // m, k, n
            {2048, 2048, 2048}, {4096, 256, 768}, {4096, 256, 1024}, {4096, 1024, 256}, {4096, 256, 4096}};
        double best = 0;
        List<Object> rows = new ArrayList<>();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            for (long[] s : shapes) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = step.randomNormal(new ai.djl.ndarray.types.Shape(s[0], s[1]));
                    NDArray y = step.randomNormal(new ai.djl.ndarray.types.Shape(s[1], s[2]));
                    double flops = 2.0 * s[0] * s[1] * s[2];
                    List<Double> times = timed(() -> {
                        try (NDManager inner = step.newSubManager()) {
                            NDArray z = x.matMul(y);
                            z.attach(inner);
                            z.getFloat(0, 0); // wait for the result
                        }
                    }, budgetSeconds / shapes.length, 5, 200, 2);
                    double gflops = flops / median(times) / 1e9;
                    best = Math.max(best, gflops);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("shape", s[0] + "x" + s[1] + "x" + s[2]);
                    row.put("gflops_median", round(gflops));
                    rows.add(row);
                }
            }
        }
        peakGflops = best;
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("bench", "mm");
        rec.put("shapes", rows);
        rec.put("peak_gflops", round(best));
        return rec;
    }

    // ---------------------------------------------------------------------------------------------- training

    private Map<String, Object> train(Shape shape) throws IOException {
        LmConfig c = shape.config();
        PatternSpec delay = PatternSpec.parse("delay");
        int timesteps = shape.steps() - 1; // delay: S = T + 1 valid steps, the yardstick's S input steps
        TokenCorpus corpus = randomCorpus(c, shape.batch() * 4, timesteps + 64, 0);
        TrainConfig run = new TrainConfig(timesteps, shape.batch(), 1, 2, 3e-4, 3e-4, 0, 0.01,
                TrainConfig.DecayPolicy.ALL, 0.9, 0.999, 1e-8, 1.0, 0L, 0.0, 0, 0, 0);
        List<Double> warm = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        try (LmModel model = LmModel.create(c, 0)) {
            new LmTrainer(run).train(model, corpus, delay, stepTimes(warm, losses));
            int runs = Math.max(3, Math.min(50, (int) (budgetSeconds / warm.get(warm.size() - 1))));
            List<Double> times = new ArrayList<>();
            Cpu before = Cpu.now();
            new LmTrainer(run.withSteps(runs)).train(model, corpus, delay, stepTimes(times, losses));
            Cpu after = Cpu.now();
            double flops = c.trainingFlops(shape.batch(), shape.steps());
            double tokens = (double) shape.batch() * shape.steps() * c.codebooks();
            Map<String, Object> rec = stats("train_" + shape.name(), times);
            rec.put("config", configMap(shape));
            rec.put("params", Map.of("total", c.parameterCount(), "embedding", c.embeddingParameterCount(),
                    "non_embedding", c.nonEmbeddingParameterCount()));
            rec.put("warmup_s", warm.stream().map(LmBench::round).toList());
            rec.put("steps_per_s", round(1 / median(times)));
            rec.put("tokens_per_s", round(tokens / median(times)));
            rec.put("tokens_per_s_best", round(tokens / min(times)));
            rec.put("flops_per_step", flops);
            rec.put("gflops_achieved", round(flops / median(times) / 1e9));
            if (!Double.isNaN(peakGflops)) {
                rec.put("peak_gflops", round(peakGflops));
                rec.put("mfu", round(flops / median(times) / 1e9 / peakGflops));
            }
            rec.put("cpu", Cpu.load(before, after));
            rec.put("loss_first", round(losses.get(0)));
            rec.put("loss_last", round(losses.get(losses.size() - 1)));
            return rec;
        }
    }

    private static TrainListener stepTimes(List<Double> times, List<Double> losses) {
        return new TrainListener() {
            private double last;

            @Override
            public void onStep(StepMetrics m) {
                times.add(m.elapsedSeconds() - last);
                last = m.elapsedSeconds();
                losses.add(m.loss());
            }
        };
    }

    // ---------------------------------------------------------------------------------------------- sampling

    private Map<String, Object> generate(int batch, int steps, SampleConfig.Decoding decoding) {
        try (LmModel model = LmModel.create(A.config(), 0)) {
            model.setPatternSpec(PatternSpec.parse("parallel")); // one step per frame, like the yardstick's loop
            SampleConfig config = SampleConfig.topK(250).withDecoding(decoding);
            long[] seed = {0};
            int[][][][] first = new int[1][][][];
            List<Double> warm = timed(() -> Sampler.generate(model, batch, 16, config, seed[0]++), 0, 1, 1, 0);
            Runnable run = () -> {
                int[][][] codes = Sampler.generate(model, batch, steps, config, seed[0]++);
                if (first[0] == null) {
                    first[0] = codes;
                }
            };
            run.run(); // one full warm-up run: the allocator and libtorch settle
            Cpu before = Cpu.now();
            List<Double> times = timed(run, budgetSeconds, 3, 20, 0);
            Cpu after = Cpu.now();
            String mode = decoding == SampleConfig.Decoding.CACHED ? "cache" : "naive";
            Map<String, Object> rec = stats("gen_" + mode + "_b" + batch, times);
            rec.put("config", configMap(A));
            rec.put("batch", batch);
            rec.put("steps", steps);
            rec.put("top_k", 250);
            rec.put("temperature", 1.0);
            rec.put("kv_cache", decoding == SampleConfig.Decoding.CACHED);
            rec.put("warmup_s", warm.stream().map(LmBench::round).toList());
            rec.put("steps_per_s", round(steps / median(times)));
            rec.put("steps_per_s_best", round(steps / min(times)));
            rec.put("codes_per_s", round((double) steps * batch * A.config().codebooks() / median(times)));
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int[][] one : first[0]) {
                for (int[] row : one) {
                    for (int v : row) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            rec.put("cpu", Cpu.load(before, after));
            rec.put("sanity", Map.of("shape", List.of(batch, A.config().codebooks(), steps), "min", lo, "max", hi));
            return rec;
        }
    }

    // ------------------------------------------------------------------------------------------------ memory

    private Map<String, Object> rssTiny() throws IOException {
        LmConfig c = new LmConfig(4, 64, 32, 2, 2, 4, 0.0, 64);
        TokenCorpus corpus = randomCorpus(c, 8, 64, 1);
        int steps = 2000;
        TrainConfig run = new TrainConfig(16, 4, 1, steps, 1e-3, 1e-4, 10, 0.01, TrainConfig.DecayPolicy.MATRICES,
                0.9, 0.95, 1e-8, 1.0, 0L, 0.0, 0, 0, 0);
        double[] rss = new double[steps];
        double[] heap = new double[steps];
        long t0 = System.nanoTime();
        try (LmModel model = LmModel.create(c, 0)) {
            new LmTrainer(run).train(model, corpus, PatternSpec.parse("delay"), new TrainListener() {
                @Override
                public void onStep(StepMetrics m) {
                    rss[m.step()] = procStatusMib("VmRSS");
                    heap[m.step()] = Runtime.getRuntime().totalMemory() / 1048576.0;
                }
            });
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("bench", "rss_tiny");
        rec.put("steps", steps);
        rec.put("seconds", round((System.nanoTime() - t0) / 1e9));
        for (int at : new int[] {100, 500, 1000, 1500, 2000}) {
            rec.put("rss_mib_at_" + at, round(rss[at - 1]));
        }
        rec.put("growth_mib_100_to_2000", round(rss[steps - 1] - rss[99]));
        rec.put("growth_mib_1000_to_2000", round(rss[steps - 1] - rss[999]));
        // the Java heap grows into RSS too: run with a fixed, pre-touched heap to see native memory alone
        rec.put("java_heap_committed_mib", round(heap[steps - 1]));
        rec.put("java_heap_max_mib", round(Runtime.getRuntime().maxMemory() / 1048576.0));
        return rec;
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /**
     * Wall time, this process's CPU time and the whole machine's busy time, to expose other processes' load the
     * way the yardstick's {@code cpu_load} does: cores used by this process and by everything else.
     */
    private record Cpu(double wall, double own, double busy) {
        static Cpu now() {
            double own = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            double busy = Double.NaN;
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                // user nice system idle iowait irq softirq steal, in clock ticks (100 per second on Linux)
                busy = (Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7])) / 100.0;
            } catch (IOException | RuntimeException e) {
                // no /proc: leave NaN
            }
            return new Cpu(System.nanoTime() / 1e9, own, busy);
        }

        static Map<String, Object> load(Cpu a, Cpu b) {
            double wall = b.wall - a.wall;
            double own = (b.own - a.own) / wall;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("own_cores", round(own));
            m.put("foreign_cores", round(Math.max(0, (b.busy - a.busy) / wall - own)));
            m.put("ncpu", Runtime.getRuntime().availableProcessors());
            return m;
        }
    }

    private static TokenCorpus randomCorpus(LmConfig c, int files, int timesteps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TokenCorpus.Item> items = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            int[][] codes = new int[c.codebooks()][timesteps];
            for (int[] row : codes) {
                for (int t = 0; t < timesteps; t++) {
                    row[t] = random.nextInt(c.codebookSize());
                }
            }
            items.add(new TokenCorpus.Item("random" + f, codes));
        }
        return new TokenCorpus(items, c.codebookSize(), 50.0, "random");
    }

    private static List<Double> timed(Runnable fn, double budget, int minRuns, int maxRuns, int warmup) {
        double tRef = 0;
        for (int i = 0; i < warmup; i++) {
            long t0 = System.nanoTime();
            fn.run();
            tRef = (System.nanoTime() - t0) / 1e9;
        }
        List<Double> times = new ArrayList<>();
        if (warmup == 0) {
            long t0 = System.nanoTime();
            fn.run();
            tRef = (System.nanoTime() - t0) / 1e9;
            times.add(tRef);
        }
        int runs = Math.max(minRuns, Math.min(maxRuns, (int) (budget / Math.max(tRef, 1e-9))));
        while (times.size() < runs) {
            long t0 = System.nanoTime();
            fn.run();
            times.add((System.nanoTime() - t0) / 1e9);
        }
        return times;
    }

    private static Map<String, Object> stats(String bench, List<Double> times) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("bench", bench);
        rec.put("runs", times.size());
        rec.put("median_s", round(median(times)));
        rec.put("min_s", round(min(times)));
        rec.put("max_s", round(times.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        return rec;
    }

    private static Map<String, Object> configMap(Shape s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("K", s.config().codebooks());
        m.put("N", s.config().codebookSize());
        m.put("d", s.config().dim());
        m.put("L", s.config().layers());
        m.put("H", s.config().heads());
        m.put("S", s.steps());
        m.put("B", s.batch());
        return m;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }

    /** A field of /proc/self/status in MiB (NaN where there is no /proc). */
    static double procStatusMib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Minimal JSON for maps, lists, strings, numbers and booleans. */
    static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                s.append(s.length() > 1 ? ", " : "").append('"').append(e.getKey()).append("\": ")
                        .append(json(e.getValue()));
            }
            return s.append('}').toString();
        } else if (value instanceof List<?> list) {
            StringBuilder s = new StringBuilder("[");
            for (Object o : list) {
                s.append(s.length() > 1 ? ", " : "").append(json(o));
            }
            return s.append(']').toString();
        } else if (value instanceof String str) {
            return '"' + str.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        } else if (value instanceof Double d) {
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%s", d) : "null";
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return "LmBench(budget=" + budgetSeconds + " s)";
    }
}
