package dev.rvqlm.lm.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The side-by-side table of {@code bench/speed-table.sh}: the JSON records of {@code rvq bench lm} (engine
 * {@code java} or {@code djl}) and of the PyTorch yardsticks (engine {@code pytorch}), grouped by benchmark and
 * thread count, each rvq time as a ratio to PyTorch's at the same thread count, and the Java engine's also to
 * PyTorch's fastest thread count ("PyTorch at its best settings"). A ratio is printed only when both records of the pair were
 * timed with other processes using at most {@value MachineLoad#MAX_FOREIGN_CORES} of a core; otherwise the cell says
 * "not comparable". Every cell shows the load it was timed under.
 *
 * <pre>{@code
 * String markdown = SpeedTable.markdown(SpeedTable.parse(lines));
 * }</pre>
 */
public final class SpeedTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENGINES = List.of("java", "djl");

    private SpeedTable() {}

    /**
     * The records among {@code lines} (lines that are not JSON objects, such as progress, are skipped).
     *
     * @throws IllegalArgumentException naming the line that starts like an object but does not parse
     */
    public static List<Map<String, Object>> parse(List<String> lines) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : lines) {
            if (!line.trim().startsWith("{")) {
                continue;
            }
            try {
                records.add(JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {}));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a benchmark record: " + line, e);
            }
        }
        return records;
    }

    /** The Markdown table: one row per benchmark and thread count. */
    public static String markdown(List<Map<String, Object>> records) {
        Map<String, Map<String, Map<String, Object>>> rows = new TreeMap<>(); // "bench|threads" → engine → record
        for (Map<String, Object> r : records) {
            if (r.get("bench") == null || r.get("median_s") == null) {
                continue; // mm, rss_tiny: nothing to set side by side
            }
            String key = r.get("bench") + "|" + r.getOrDefault("threads", "?");
            rows.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .put(String.valueOf(r.getOrDefault("engine", "djl")), r);
        }
        Map<String, Map<String, Object>> torchBest = new TreeMap<>(); // bench → PyTorch's fastest record
        rows.forEach((key, byEngine) -> {
            Map<String, Object> torch = byEngine.get("pytorch");
            String bench = key.split("\\|")[0];
            Map<String, Object> best = torchBest.get(bench);
            if (torch != null && (best == null || number(torch.get("median_s")) < number(best.get("median_s")))) {
                torchBest.put(bench, torch);
            }
        });
        StringBuilder out = new StringBuilder();
        out.append("| bench | threads | PyTorch | Java engine | DJL | Java engine against PyTorch's best |\n");
        out.append("|---|---|---|---|---|---|\n");
        rows.forEach((key, byEngine) -> {
            String[] k = key.split("\\|");
            Map<String, Object> torch = byEngine.get("pytorch");
            out.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ");
            out.append(torch == null ? "–" : seconds(torch)).append(" | ");
            List<String> cells = new ArrayList<>();
            for (String engine : ENGINES) {
                Map<String, Object> ours = byEngine.get(engine);
                cells.add(ours == null ? "–" : seconds(ours) + cell(ours, torch));
            }
            Map<String, Object> java = byEngine.get("java");
            Map<String, Object> best = torchBest.get(k[0]);
            cells.add(java == null || best == null ? "–" : cell(java, best).replaceFirst("^, ", ""));
            out.append(String.join(" | ", cells)).append(" |\n");
        });
        return out.toString();
    }

    /**
     * The ratio cell of one of our records against PyTorch's: "**0.55×**", or "not comparable" when either was
     * timed under foreign load; a real-time factor where there is one.
     */
    static String cell(Map<String, Object> ours, Map<String, Object> torch) {
        String rtf = ours.containsKey("real_time_factor")
                ? String.format(Locale.ROOT, ", RTF %.3f", number(ours.get("real_time_factor")))
                : "";
        if (torch == null) {
            return rtf;
        }
        double ratio = number(ours.get("median_s")) / number(torch.get("median_s"));
        if (!comparable(ours) || !comparable(torch)) {
            return rtf + String.format(Locale.ROOT, ", not comparable (%.2f×)", ratio);
        }
        return rtf + String.format(Locale.ROOT, ", **%.2f×**", ratio);
    }

    /** Whether a record was timed with other processes using at most the allowed share of a core. */
    static boolean comparable(Map<String, Object> record) {
        Object cpu = record.get("cpu");
        if (!(cpu instanceof Map<?, ?> m) || m.get("foreign_cores") == null) {
            return false;
        }
        return MachineLoad.comparable(number(m.get("foreign_cores")));
    }

    /** "1.234 s (load 0.40, other 0.02 cores)". */
    private static String seconds(Map<String, Object> r) {
        Object cpu = r.get("cpu");
        String load = "";
        if (cpu instanceof Map<?, ?> m) {
            Object avg = m.get("load_average");
            double first = avg instanceof List<?> l && !l.isEmpty() ? number(l.get(0)) : Double.NaN;
            load = String.format(Locale.ROOT, " (load %.2f, other %.2f cores)", first, number(m.get("foreign_cores")));
        }
        return String.format(Locale.ROOT, "%.3f s%s", number(r.get("median_s")), load);
    }

    private static double number(Object v) {
        if (v == null) {
            return Double.NaN;
        }
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
    }
}
