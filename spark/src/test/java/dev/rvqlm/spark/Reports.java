package dev.rvqlm.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rvqlm.eval.results.ResultsJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** An eval report's results.json without the figures that time the machine (wall clock, speed, memory). */
final class Reports {

    /** Keys of figures that measure this machine at that moment, not the model. */
    static final Set<String> TIMINGS =
            Set.of("seconds", "codes_per_second", "rtf_batch1", "rtf_large_batch", "peak_rss_mib", "eval wall time");

    private Reports() {}

    static JsonNode withoutTimings(Path report) throws IOException {
        JsonNode json =
                ResultsJson.mapper().readTree(report.resolve("results.json").toFile());
        strip(json);
        return json;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(TIMINGS);
        }
        node.forEach(Reports::strip);
    }
}
