package dev.rvqlm.lm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeedTableTest {

    private static String record(String bench, String engine, int threads, double seconds, double foreign) {
        return "{\"bench\":\"" + bench + "\",\"engine\":\"" + engine + "\",\"threads\":" + threads + ",\"median_s\":"
                + seconds + ",\"cpu\":{\"own_cores\":1.0,\"foreign_cores\":" + foreign
                + ",\"load_average\":[0.4,0.5],\"ncpu\":2}}";
    }

    @Test
    void aRatioCountsOnlyWhenNeitherSideSawOtherProcessesUseMoreThanAFifthOfACore() {
        List<Map<String, Object>> records = SpeedTable.parse(List.of(
                "progress lines are skipped",
                record("gen_cache_b1", "pytorch", 1, 2.0, 0.1),
                record("gen_cache_b1", "java", 1, 1.0, 0.2), // at the limit: counts
                record("gen_cache_b1", "djl", 1, 3.0, 0.21), // just over: does not
                record("gen_cache_b1", "pytorch", 2, 2.0, 0.9),
                record("gen_cache_b1", "java", 2, 1.0, 0.0)));
        String table = SpeedTable.markdown(records);
        String[] lines = table.split("\n");
        assertEquals(4, lines.length, table);
        assertTrue(lines[2].startsWith("| gen_cache_b1 | 1 |"), table);
        assertTrue(lines[2].contains("1.000 s (load 0.40, other 0.20 cores), **0.50×**"), lines[2]);
        assertTrue(lines[2].contains("3.000 s (load 0.40, other 0.21 cores), not comparable (1.50×)"), lines[2]);
        assertTrue(lines[3].contains("not comparable (0.50×)"), "PyTorch's side was loaded: " + lines[3]);
        assertTrue(lines[3].contains("| – |"), "no DJL record at 2 threads: " + lines[3]);
        assertTrue(lines[2].endsWith("| **0.50×** |"), "PyTorch's best is its comparable 1-thread run: " + lines[2]);
    }

    @Test
    void theRuleOnAConstructedMeasurement() {
        MachineLoad quiet = new MachineLoad();
        // 10 s of wall time, 9.5 s of our CPU, 9.6 s of the machine's: others used 0.01 of a core
        quiet.add(new MachineLoad.Reading(0, 0, 0, 0.3), new MachineLoad.Reading(10, 9.5, 9.6, 0.4));
        Map<String, Object> q = quiet.record();
        assertEquals(0.95, (double) q.get("own_cores"), 1e-9);
        assertEquals(0.01, (double) q.get("foreign_cores"), 1e-9);
        assertEquals(List.of(0.3, 0.4), q.get("load_average"));
        assertEquals(true, q.get("comparable"));
        MachineLoad busy = new MachineLoad();
        busy.add(new MachineLoad.Reading(0, 0, 0, 3.0), new MachineLoad.Reading(10, 9.5, 12.5, 3.1));
        assertEquals(0.3, (double) busy.record().get("foreign_cores"), 1e-9);
        assertEquals(false, busy.record().get("comparable"));
        assertFalse(MachineLoad.comparable(Double.NaN), "no /proc: no claim");
        assertFalse(SpeedTable.comparable(Map.of("median_s", 1.0)), "a record without its load does not count");
    }

    @Test
    void aBrokenRecordIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SpeedTable.parse(List.of("{\"bench\": ")));
        assertTrue(e.getMessage().contains("{\"bench\": "), e.getMessage());
    }
}
