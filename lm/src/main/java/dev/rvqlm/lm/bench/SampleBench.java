package dev.rvqlm.lm.bench;

import dev.rvqlm.lm.EngineThreads;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.lm.Sampler;
import dev.rvqlm.patterns.PatternSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sampling benchmarks: {@code gen_cache_b1/b8}, {@code gen_naive_b1} and {@code gen_depth_cache_b1/b8} (the
 * yardstick's loops: 512 steps, or 128 recomputed, from an empty prompt, parallel layout, temperature 1, top-k 250),
 * and {@code rtf_demo} / {@code rtf_A} (60 s of audio at 50 frames/s through the delay pattern and the sliding
 * window, batch 1: the real-time factor of the demo's model and of config A). When several engines are asked for,
 * their runs alternate (engine 1, engine 2, engine 1, …) so that both see the same machine, and each engine gets
 * its own record with its own load.
 */
final class SampleBench {

    /** What one sampling benchmark generates. */
    record Workload(String name, BenchShape shape, int batch, int timesteps, SampleConfig sample) {}

    /** Seconds of audio the real-time-factor benchmarks generate, and their frame rate (MusicGen's EnCodec). */
    static final double AUDIO_SECONDS = 60;

    static final double FRAME_RATE = 50;

    private SampleBench() {}

    /** One record per engine ({@code engines} is ignored for recomputation, which runs on DJL). */
    static List<Map<String, Object>> run(Workload w, List<SampleConfig.Engine> engines, double budgetSeconds) {
        boolean cached = w.sample().decoding() == SampleConfig.Decoding.CACHED;
        List<SampleConfig.Engine> used = cached ? engines : List.of(SampleConfig.Engine.DJL);
        try (LmModel model = model(w)) {
            List<Runnable> runs = new ArrayList<>();
            List<List<Double>> times = new ArrayList<>();
            List<MachineLoad> loads = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            long[] seed = {0};
            for (SampleConfig.Engine engine : used) {
                SampleConfig config = w.sample().withEngine(engine);
                runs.add(() -> Sampler.generate(model, w.batch(), w.timesteps(), config, seed[0]++));
                times.add(new ArrayList<>());
                loads.add(new MachineLoad());
                Timing.once(() -> Sampler.generate(model, w.batch(), 16, config, seed[0]++), null);
                warm.add(Timing.once(runs.get(runs.size() - 1), null)); // a full run: allocator and JIT settle
            }
            double slowest =
                    warm.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            int count =
                    Math.max(3, Math.min(20, (int) (budgetSeconds / Math.max(1e-9, slowest)))); // the slower's budget
            for (int r = 0; r < count; r++) {
                for (int e = 0; e < used.size(); e++) {
                    times.get(e).add(Timing.once(runs.get(e), loads.get(e)));
                }
            }
            List<Map<String, Object>> records = new ArrayList<>();
            for (int e = 0; e < used.size(); e++) {
                records.add(record(w, used.get(e), times.get(e), warm.get(e), loads.get(e)));
            }
            return records;
        }
    }

    /** A model of the workload's shape with random weights (speed does not depend on them), ready to sample. */
    private static LmModel model(Workload w) {
        LmConfig c = w.shape().config();
        LmModel model = LmModel.create(c, 0);
        if (w.name().startsWith("rtf")) { // trained on the shape's crops, so that 60 s needs the sliding window
            PatternSpec delay = PatternSpec.parse("delay");
            model.setPatternSpec(delay);
            model.setTrainedSteps(
                    delay.pattern(c.codebooks(), w.shape().steps() - 1).layout().size());
        } else {
            model.setPatternSpec(PatternSpec.parse("parallel")); // one step per frame, like the yardstick's loop
        }
        return model;
    }

    private static Map<String, Object> record(
            Workload w, SampleConfig.Engine engine, List<Double> times, double warm, MachineLoad load) {
        LmConfig c = w.shape().config();
        double median = Timing.median(times);
        Map<String, Object> rec = Timing.stats(w.name(), times);
        rec.put("engine", engine.name().toLowerCase(java.util.Locale.ROOT));
        rec.put("threads", EngineThreads.get());
        rec.put("config", w.shape().record());
        rec.put("batch", w.batch());
        rec.put("steps", w.timesteps());
        rec.put("top_k", w.sample().topK());
        rec.put("temperature", w.sample().temperature());
        rec.put("kv_cache", w.sample().decoding() == SampleConfig.Decoding.CACHED);
        rec.put("warmup_s", List.of(Timing.round(warm)));
        rec.put("steps_per_s", Timing.round(w.timesteps() / median));
        rec.put("steps_per_s_best", Timing.round(w.timesteps() / Timing.min(times)));
        rec.put("codes_per_s", Timing.round((double) w.timesteps() * w.batch() * c.codebooks() / median));
        if (c.depth() != null) { // a frame: one temporal step, then K depth steps
            rec.put(
                    "sequential_steps_per_s",
                    Timing.round((double) w.timesteps() * c.sequentialStepsPerStep() / median));
            rec.put("forward_flops_per_frame", c.forwardFlopsPerStep(w.timesteps()));
        }
        if (w.name().startsWith("rtf")) { // "steps" are frames here: 60 s at 50 frames/s, through the delay pattern
            rec.put("pattern", "delay");
            rec.put("audio_seconds", AUDIO_SECONDS);
            rec.put("real_time_factor", Timing.round(median / AUDIO_SECONDS));
        }
        rec.put("cpu", load.record());
        return rec;
    }
}
