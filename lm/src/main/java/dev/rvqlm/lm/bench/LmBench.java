package dev.rvqlm.lm.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmFamily;
import dev.rvqlm.lm.LmJson;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.LmTrainer;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.lm.Sampler;
import dev.rvqlm.lm.StepMetrics;
import dev.rvqlm.lm.TrainListener;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.TokenCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * prompt, temperature 1, top-k {@value SampleConfig#DEFAULT_TOP_K}), and resident memory over 2,000 tiny training steps ({@code rss_tiny}; run
 * it with a fixed, pre-touched Java heap, {@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}, or the heap's own growth
 * hides whether native memory stays flat).
 * The depth model ({@link dev.rvqlm.lm.LmFamily.Depth}) has its own entries, compared with
 * {@code bench/torch_depth_bench.py}: {@code train_depth_A} (config A as the temporal transformer, parallel layout,
 * plus the default depth transformer D'=128, L'=2, H'=4; FLOPs of both parts) and {@code gen_depth_cache_b1} /
 * {@code gen_depth_cache_b8} (512 cached frames; each frame is one temporal and K depth steps, reported as
 * {@code sequential_steps_per_s}; {@code forward_flops_per_frame} is {@link LmConfig#forwardFlopsPerStep} at the
 * last frame's context).
 * Each benchmark emits one JSON line.
 *
 * <pre>{@code
 * new LmBench(60).run(List.of(LmBench.Bench.MM, LmBench.Bench.TRAIN_B), System.out::println);
 * }</pre>
 */
public final class LmBench {

    /** A benchmark model shape and batch (the yardstick's CONFIGS). */
    public record Shape(String name, LmConfig config, int steps, int batch) {}

    public static final Shape A = new Shape("A", ModelShape.standard().lmConfig(4, 1024, 1024), 512, 8);
    public static final Shape B = new Shape("B", ModelShape.small().lmConfig(4, 256, 1024), 256, 8);
    /** Config A as the temporal transformer of a depth model with the default depth transformer. */
    public static final Shape DEPTH_A =
            new Shape("depth_A", ModelEntry.parse("depth").lmConfig(ModelShape.standard(), 4, 1024, 1024), 512, 8);

    /** The benchmarks, named as the yardstick's {@code --bench} values. */
    public enum Bench {
        MM("mm"),
        TRAIN_B("train_B"),
        TRAIN_A("train_A"),
        GEN_CACHE_B1("gen_cache_b1"),
        GEN_CACHE_B8("gen_cache_b8"),
        GEN_NAIVE_B1("gen_naive_b1"),
        RSS_TINY("rss_tiny"),
        TRAIN_DEPTH_A("train_depth_A"),
        GEN_DEPTH_CACHE_B1("gen_depth_cache_b1"),
        GEN_DEPTH_CACHE_B8("gen_depth_cache_b8");

        private final String id;

        Bench(String id) {
            this.id = id;
        }

        /** The name on the command line and in the JSON record. */
        public String id() {
            return id;
        }

        /** @throws IllegalArgumentException naming the unknown name and the known ones */
        public static Bench parse(String name) {
            for (Bench b : values()) {
                if (b.id.equals(name.trim())) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown benchmark '" + name + "' (one of: " + ids() + ")");
        }

        /** All names, comma-separated. */
        public static String ids() {
            return String.join(",", Arrays.stream(values()).map(Bench::id).toList());
        }

        /** The benchmarks of one model config: A (training and sampling) or B (training), each after mm. */
        public static List<Bench> ofConfig(String config) {
            return switch (config.trim().toUpperCase(Locale.ROOT)) {
                case "A" -> List.of(MM, TRAIN_A, GEN_CACHE_B1, GEN_CACHE_B8, GEN_NAIVE_B1);
                case "DEPTH" -> List.of(MM, TRAIN_DEPTH_A, GEN_DEPTH_CACHE_B1, GEN_DEPTH_CACHE_B8);
                case "B" -> List.of(MM, TRAIN_B);
                default -> throw new IllegalArgumentException("the config must be A, B or depth, got " + config);
            };
        }
    }

    private final double budgetSeconds;
    private double peakGflops = Double.NaN;

    /** @param budgetSeconds target timed seconds per benchmark */
    public LmBench(double budgetSeconds) {
        this.budgetSeconds = budgetSeconds;
    }

    /** Runs the benchmarks in order. */
    public void run(List<Bench> benches, Consumer<String> out) throws IOException {
        for (Bench bench : benches) {
            Map<String, Object> rec = switch (bench) {
                case MM -> matmul();
                case TRAIN_A -> train(A);
                case TRAIN_B -> train(B);
                case GEN_CACHE_B1 -> generate(A, 1, 512, SampleConfig.Decoding.CACHED);
                case GEN_CACHE_B8 -> generate(A, 8, 512, SampleConfig.Decoding.CACHED);
                case GEN_NAIVE_B1 -> generate(A, 1, 128, SampleConfig.Decoding.RECOMPUTE);
                case TRAIN_DEPTH_A -> train(DEPTH_A);
                case GEN_DEPTH_CACHE_B1 -> generate(DEPTH_A, 1, 512, SampleConfig.Decoding.CACHED);
                case GEN_DEPTH_CACHE_B8 -> generate(DEPTH_A, 8, 512, SampleConfig.Decoding.CACHED);
                case RSS_TINY -> rssTiny();
            };
            rec.put("peak_rss_mib", round(procStatusMib("VmHWM")));
            out.accept(LmJson.line(rec));
        }
    }

    // ------------------------------------------------------------------------------------------------ matmul

    private Map<String, Object> matmul() {
        long[][] shapes = { // m, k, n
            {2048, 2048, 2048}, {4096, 256, 768}, {4096, 256, 1024}, {4096, 1024, 256}, {4096, 256, 4096}
        };
        double best = 0;
        List<Object> rows = new ArrayList<>();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            for (long[] s : shapes) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = step.randomNormal(new ai.djl.ndarray.types.Shape(s[0], s[1]));
                    NDArray y = step.randomNormal(new ai.djl.ndarray.types.Shape(s[1], s[2]));
                    double flops = 2.0 * s[0] * s[1] * s[2];
                    List<Double> times = timed(
                            () -> {
                                try (NDManager inner = step.newSubManager()) {
                                    NDArray z = x.matMul(y);
                                    z.attach(inner);
                                    z.getFloat(0, 0); // wait for the result
                                }
                            },
                            budgetSeconds / shapes.length,
                            5,
                            200,
                            2);
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
        // delay (parallel for a depth model): S = T + 1 valid steps, the yardstick's S input steps
        PatternSpec delay = PatternSpec.parse(c.depth() == null ? "delay" : "parallel");
        int timesteps = shape.steps() - 1;
        TokenCorpus corpus = randomCorpus(c, shape.batch() * 4, timesteps + 64, 0);
        LmTraining run = yardstickTraining(timesteps, shape.batch(), 2);
        List<Double> warm = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        try (LmModel model = LmModel.create(c, 0)) {
            new LmTrainer(run).train(model, corpus, delay, stepTimes(warm, losses));
            int runs = Math.max(3, Math.min(50, (int) (budgetSeconds / warm.get(warm.size() - 1))));
            List<Double> times = new ArrayList<>();
            Cpu before = Cpu.now();
            new LmTrainer(yardstickTraining(timesteps, shape.batch(), runs))
                    .train(model, corpus, delay, stepTimes(times, losses));
            Cpu after = Cpu.now();
            double flops = c.trainingFlops(shape.batch(), shape.steps());
            double tokens = (double) shape.batch() * shape.steps() * c.codebooks();
            Map<String, Object> rec = stats("train_" + shape.name(), times);
            rec.put("config", configMap(shape));
            rec.put(
                    "params",
                    Map.of(
                            "total",
                            c.parameterCount(),
                            "embedding",
                            c.embeddingParameterCount(),
                            "non_embedding",
                            c.nonEmbeddingParameterCount()));
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

    /**
     * The yardstick's training settings: torch.optim.AdamW defaults (β 0.9/0.999, ε 1e-8) at a constant 3e-4 with
     * weight decay 0.01 on every parameter, clip 1, no warm-up, no validation or checkpoints.
     */
    private static LmTraining yardstickTraining(int timesteps, int batch, int steps) {
        return LmTraining.defaults().toBuilder()
                .timesteps(timesteps)
                .batch(batch)
                .accumulation(1)
                .steps(steps)
                .learningRate(3e-4)
                .minLearningRate(3e-4)
                .warmupSteps(0)
                .weightDecay(0.01)
                .decay(LmTraining.DecayPolicy.ALL)
                .beta1(0.9)
                .beta2(0.999)
                .eps(1e-8)
                .clipNorm(1.0)
                .seed(0)
                .validationFraction(0)
                .validationWindows(0)
                .evalEvery(0)
                .checkpointEvery(0)
                .build();
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

    private Map<String, Object> generate(Shape shape, int batch, int steps, SampleConfig.Decoding decoding) {
        LmConfig c = shape.config();
        try (LmModel model = LmModel.create(c, 0)) {
            model.setPatternSpec(PatternSpec.parse("parallel")); // one step per frame, like the yardstick's loop
            SampleConfig config = SampleConfig.topK(SampleConfig.DEFAULT_TOP_K).withDecoding(decoding);
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
            String mode = (c.depth() == null ? "" : "depth_")
                    + (decoding == SampleConfig.Decoding.CACHED ? "cache" : "naive");
            Map<String, Object> rec = stats("gen_" + mode + "_b" + batch, times);
            rec.put("config", configMap(shape));
            rec.put("batch", batch);
            rec.put("steps", steps);
            rec.put("top_k", SampleConfig.DEFAULT_TOP_K);
            rec.put("temperature", 1.0);
            rec.put("kv_cache", decoding == SampleConfig.Decoding.CACHED);
            rec.put("warmup_s", warm.stream().map(LmBench::round).toList());
            rec.put("steps_per_s", round(steps / median(times)));
            rec.put("steps_per_s_best", round(steps / min(times)));
            rec.put("codes_per_s", round((double) steps * batch * c.codebooks() / median(times)));
            if (c.depth() != null) { // a frame: one temporal step, then K depth steps
                rec.put("sequential_steps_per_s", round((double) steps * c.sequentialStepsPerStep() / median(times)));
                rec.put("forward_flops_per_frame", c.forwardFlopsPerStep(steps));
            }
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
            rec.put("sanity", Map.of("shape", List.of(batch, c.codebooks(), steps), "min", lo, "max", hi));
            return rec;
        }
    }

    // ------------------------------------------------------------------------------------------------ memory

    private Map<String, Object> rssTiny() throws IOException {
        LmConfig c = ModelShape.builder().dim(32).layers(2).heads(2).build().lmConfig(4, 64, 64);
        TokenCorpus corpus = randomCorpus(c, 8, 64, 1);
        int steps = 2000;
        LmTraining run = LmTraining.defaults().toBuilder()
                .timesteps(16)
                .batch(4)
                .accumulation(1)
                .steps(steps)
                .learningRate(1e-3)
                .minLearningRate(1e-4)
                .warmupSteps(10)
                .weightDecay(0.01)
                .decay(LmTraining.DecayPolicy.MATRICES)
                .beta1(0.9)
                .beta2(0.95)
                .eps(1e-8)
                .clipNorm(1.0)
                .seed(0)
                .validationFraction(0)
                .validationWindows(0)
                .evalEvery(0)
                .checkpointEvery(0)
                .build();
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
            double own = ((com.sun.management.OperatingSystemMXBean)
                                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime()
                    / 1e9;
            double busy = Double.NaN;
            try {
                String[] f =
                        Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                // user nice system idle iowait irq softirq steal, in clock ticks (100 per second on Linux)
                busy = (Long.parseLong(f[1])
                                + Long.parseLong(f[2])
                                + Long.parseLong(f[3])
                                + Long.parseLong(f[6])
                                + Long.parseLong(f[7]))
                        / 100.0;
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
        rec.put(
                "max_s",
                round(times.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
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
        LmFamily.Depth d = s.config().depth();
        if (d != null) {
            m.put("depth", Map.of("d", d.dim(), "L", d.layers(), "H", d.heads()));
        }
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

    @Override
    public String toString() {
        return "LmBench(budget=" + budgetSeconds + " s)";
    }
}
