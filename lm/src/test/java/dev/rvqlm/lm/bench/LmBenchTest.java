package dev.rvqlm.lm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
    }
}
