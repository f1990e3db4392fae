package dev.rvqlm.lm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.SampleConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LmBenchTest {

    @Test
    void benchNamesAreTheYardsticksAndUnknownOnesAreRefusedListingTheKnown() {
        assertEquals(LmBench.Bench.GEN_CACHE_B1, LmBench.Bench.parse("gen_cache_b1"));
        assertEquals(List.of(LmBench.Bench.MM, LmBench.Bench.TRAIN_B), LmBench.Bench.ofConfig("b"));
        assertEquals(
                LmBench.Bench.GEN_DEPTH_CACHE_B1,
                LmBench.Bench.ofConfig("depth").get(2));
        assertEquals("train_depth_A", LmBench.Bench.TRAIN_DEPTH_A.id());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LmBench.Bench.parse("gen_cache"));
        assertTrue(e.getMessage().contains("gen_cache") && e.getMessage().contains("rss_tiny"), e.getMessage());
        assertEquals(LmBench.Bench.RTF_DEMO, LmBench.Bench.parse("rtf_demo"));
    }

    @Test
    void aSamplingBenchmarkAlternatesTheEnginesAndGivesEachItsRecordWithItsLoad() {
        BenchShape tiny = new BenchShape("tiny", new LmConfig(2, 8, 16, 1, 2, 2, 0.0, 64), 32, 2);
        SampleBench.Workload w = new SampleBench.Workload("gen_tiny", tiny, 2, 12, SampleConfig.topK(3));
        List<Map<String, Object>> records =
                SampleBench.run(w, List.of(SampleConfig.Engine.JAVA, SampleConfig.Engine.DJL), 0.01);
        assertEquals(2, records.size());
        assertEquals("java", records.get(0).get("engine"));
        assertEquals("djl", records.get(1).get("engine"));
        for (Map<String, Object> r : records) {
            assertEquals(3, r.get("runs"), "the minimum of three runs each");
            assertTrue((double) r.get("median_s") > 0);
            Map<?, ?> cpu = (Map<?, ?>) r.get("cpu");
            assertTrue(cpu.containsKey("foreign_cores") && cpu.containsKey("load_average"), cpu.toString());
            assertTrue(cpu.get("comparable") instanceof Boolean, cpu.toString());
        }
    }
}
