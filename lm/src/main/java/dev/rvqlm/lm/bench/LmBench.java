package dev.rvqlm.lm.bench;

import dev.rvqlm.lm.LmJson;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The LM speed benchmarks behind {@code rvq bench lm}, the same workloads as {@code bench/torch_lm_bench.py} and
 * {@code bench/torch_depth_bench.py}, one JSON line each: fp32 matmul peak ({@code mm}, {@link MatmulBench}),
 * training steps ({@code train_A}, {@code train_B}, {@code train_depth_A}, {@link TrainBench}), sampling
 * ({@code gen_*}, and the real-time factor of 60 s of audio, {@code rtf_demo} and {@code rtf_A},
 * {@link SampleBench}) and resident memory ({@code rss_tiny}, {@link MemoryBench}). Every timed record carries the
 * machine's load while it was timed ({@link MachineLoad}); a sampling benchmark runs each engine asked for,
 * alternating.
 *
 * <pre>{@code
 * new LmBench(60, List.of(SampleConfig.Engine.JAVA, SampleConfig.Engine.DJL))
 *         .run(List.of(LmBench.Bench.MM, LmBench.Bench.GEN_CACHE_B1), System.out::println);
 * }</pre>
 */
public final class LmBench {

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
        GEN_DEPTH_CACHE_B8("gen_depth_cache_b8"),
        RTF_DEMO("rtf_demo"),
        RTF_A("rtf_A");

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

    /** The demo's LM (ModelShape.small, K=4, N=256, trained on 1 s crops at 50 frames/s), for {@code rtf_demo}. */
    static final BenchShape DEMO = new BenchShape("demo", ModelShape.small().lmConfig(4, 256, 204), 51, 8);

    private final double budgetSeconds;
    private final List<SampleConfig.Engine> engines;
    private double peakGflops = Double.NaN;

    /**
     * @param budgetSeconds target timed seconds per benchmark (for sampling: of the slower engine)
     * @param engines       the engines the sampling benchmarks run, alternating (at least one)
     */
    public LmBench(double budgetSeconds, List<SampleConfig.Engine> engines) {
        if (!(budgetSeconds > 0) || engines.isEmpty()) {
            throw new IllegalArgumentException("the budget must be positive and at least one engine given");
        }
        this.budgetSeconds = budgetSeconds;
        this.engines = List.copyOf(engines);
    }

    /** Runs the benchmarks in order, handing each JSON line to {@code out}. */
    public void run(List<Bench> benches, Consumer<String> out) throws IOException {
        for (Bench bench : benches) {
            for (Map<String, Object> rec : records(bench)) {
                rec.put("peak_rss_mib", Timing.round(MemoryBench.procStatusMib("VmHWM")));
                out.accept(LmJson.line(rec));
            }
        }
    }

    private List<Map<String, Object>> records(Bench bench) throws IOException {
        SampleConfig top250 = SampleConfig.topK(SampleConfig.DEFAULT_TOP_K);
        return switch (bench) {
            case MM -> {
                Map<String, Object> rec = MatmulBench.run(budgetSeconds);
                peakGflops = (double) rec.get("peak_gflops");
                yield List.of(rec);
            }
            case TRAIN_A -> List.of(TrainBench.run(BenchShape.A, budgetSeconds, peakGflops));
            case TRAIN_B -> List.of(TrainBench.run(BenchShape.B, budgetSeconds, peakGflops));
            case TRAIN_DEPTH_A -> List.of(TrainBench.run(BenchShape.DEPTH_A, budgetSeconds, peakGflops));
            case GEN_CACHE_B1 -> sample(new SampleBench.Workload(bench.id(), BenchShape.A, 1, 512, top250));
            case GEN_CACHE_B8 -> sample(new SampleBench.Workload(bench.id(), BenchShape.A, 8, 512, top250));
            case GEN_NAIVE_B1 ->
                sample(new SampleBench.Workload(
                        bench.id(), BenchShape.A, 1, 128, top250.withDecoding(SampleConfig.Decoding.RECOMPUTE)));
            case GEN_DEPTH_CACHE_B1 -> sample(new SampleBench.Workload(bench.id(), BenchShape.DEPTH_A, 1, 512, top250));
            case GEN_DEPTH_CACHE_B8 -> sample(new SampleBench.Workload(bench.id(), BenchShape.DEPTH_A, 8, 512, top250));
            case RTF_DEMO ->
                sample(new SampleBench.Workload(bench.id(), DEMO, 1, audioFrames(), SampleConfig.topK(50)));
            case RTF_A -> sample(new SampleBench.Workload(bench.id(), BenchShape.A, 1, audioFrames(), top250));
            case RSS_TINY -> List.of(MemoryBench.run());
        };
    }

    private List<Map<String, Object>> sample(SampleBench.Workload w) {
        return SampleBench.run(w, engines, budgetSeconds);
    }

    private static int audioFrames() {
        return (int) Math.round(SampleBench.AUDIO_SECONDS * SampleBench.FRAME_RATE);
    }

    @Override
    public String toString() {
        return "LmBench(budget=" + budgetSeconds + " s, engines " + engines + ")";
    }
}
