package dev.rvqlm.patterns.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a reference file of pattern cases in the shared golden format. */
public final class GoldenFile {

    private GoldenFile() {}

    /** @throws IllegalArgumentException naming the file when it is not a golden file */
    public static List<GoldenCase> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses golden JSON; {@code source} names it in errors. */
    @SuppressWarnings("unchecked")
    public static List<GoldenCase> parse(String json, String source) {
        Object document;
        try {
            document = JsonReader.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> root) || !(root.get("cases") instanceof List<?> cases)) {
            throw new IllegalArgumentException(source + ": not a golden file (no \"cases\" list)");
        }
        List<GoldenCase> out = new ArrayList<>();
        for (Object item : cases) {
            if (!(item instanceof Map<?, ?> fields)
                    || !(fields.get("id") instanceof String)
                    || !(fields.get("K") instanceof Long)
                    || !(fields.get("T") instanceof Long)
                    || !(fields.get("provider") instanceof String)
                    || !(fields.get("kwargs") instanceof Map)) {
                throw new IllegalArgumentException(
                        source + ": case " + (out.size() + 1) + " lacks id, provider, kwargs, K or T");
            }
            out.add(new GoldenCase((Map<String, Object>) fields));
        }
        return out;
    }
}
