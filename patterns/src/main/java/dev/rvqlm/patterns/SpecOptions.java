package dev.rvqlm.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code key=value} options of one pattern spec, read with typed getters whose errors name the key. */
final class SpecOptions {

    private final String patternName;
    private final Map<String, String> values;

    SpecOptions(String patternName, Map<String, String> values, Set<String> allowedKeys) {
        this.patternName = patternName;
        this.values = values;
        for (String key : values.keySet()) {
            if (!allowedKeys.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' for pattern " + patternName
                        + (allowedKeys.isEmpty()
                                ? " (it takes none)"
                                : " (keys: " + String.join(", ", allowedKeys) + ")"));
            }
        }
    }

    int integer(String key, int fallback) {
        String value = values.get(key);
        return value == null ? fallback : parse(key, value, "an integer");
    }

    List<Integer> integers(String key, List<Integer> fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            out.add(parse(key, part, "integers separated by commas"));
        }
        return out;
    }

    private int parse(String key, String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    patternName + ": " + key + " must be " + what + ", got '" + values.get(key) + "'");
        }
    }
}
