package dev.rvqlm.lm.bench;

import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.LmTrainer;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.StepMetrics;
import dev.rvqlm.lm.TrainListener;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.TokenCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code rss_tiny}: resident memory over 2,000 tiny training steps. Run it with a fixed, pre-touched Java heap
 * ({@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}), or the heap's own growth hides whether native memory stays flat.
 */
final class MemoryBench {

    private static final int STEPS = 2000;

    private MemoryBench() {}

    static Map<String, Object> run() throws IOException {
        LmConfig c = ModelShape.builder().dim(32).layers(2).heads(2).build().lmConfig(4, 64, 64);
        TokenCorpus corpus = BenchShape.randomCorpus(c, 8, 64, 1);
        LmTraining run = TrainBench.yardstickTraining(16, 4, STEPS).toBuilder() // small steps, a real schedule
                .learningRate(1e-3)
                .minLearningRate(1e-4)
                .warmupSteps(10)
                .decay(LmTraining.DecayPolicy.MATRICES)
                .beta2(0.95)
                .build();
        double[] rss = new double[STEPS];
        double[] heap = new double[STEPS];
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
        rec.put("steps", STEPS);
        rec.put("seconds", Timing.round((System.nanoTime() - t0) / 1e9));
        for (int at : new int[] {100, 500, 1000, 1500, 2000}) {
            rec.put("rss_mib_at_" + at, Timing.round(rss[at - 1]));
        }
        rec.put("growth_mib_100_to_2000", Timing.round(rss[STEPS - 1] - rss[99]));
        rec.put("growth_mib_1000_to_2000", Timing.round(rss[STEPS - 1] - rss[999]));
        // the Java heap grows into RSS too: run with a fixed, pre-touched heap to see native memory alone
        rec.put("java_heap_committed_mib", Timing.round(heap[STEPS - 1]));
        rec.put("java_heap_max_mib", Timing.round(Runtime.getRuntime().maxMemory() / 1048576.0));
        return rec;
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
}
