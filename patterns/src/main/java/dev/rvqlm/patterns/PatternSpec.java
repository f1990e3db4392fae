package dev.rvqlm.patterns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A pattern named on the command line or in a checkpoint: {@code name[:key=value]...}, e.g.
 * {@code delay:delays=0,1,2,3} or {@code partial-flatten:flattening=0,1,1,1}. Keys are the reference's keyword
 * names; lists are comma-separated. K is not part of the spec: {@link #provider(int)} takes it.
 *
 * @param name    a name from {@link PatternRegistry}
 * @param options the given keys in order, values unparsed
 */
public record PatternSpec(String name, Map<String, String> options) {

    public PatternSpec {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Parses {@code name[:key=value]...}; the name is checked against the registry, values when K is known. */
    public static PatternSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty pattern spec (try one of: " + PatternRegistry.names() + ")");
        }
        String[] parts = text.trim().split(":", -1);
        String name = parts[0].trim();
        PatternRegistry.entry(name);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        "pattern spec '" + text + "': expected key=value, got '" + parts[i] + "'");
            }
            String key = parts[i].substring(0, equals).trim();
            if (options.put(key, parts[i].substring(equals + 1).trim()) != null) {
                throw new IllegalArgumentException("pattern spec '" + text + "' gives " + key + " twice");
            }
        }
        return new PatternSpec(name, options);
    }

    /** The provider for K codebooks, with the spec's options over the defaults. */
    public PatternProvider provider(int codebooks) {
        return PatternRegistry.entry(name).create(options, codebooks);
    }

    /** Shorthand for {@code provider(codebooks).pattern(timesteps)}. */
    public Pattern pattern(int codebooks, int timesteps) {
        return provider(codebooks).pattern(timesteps);
    }

    @Override
    public String toString() {
        return name
                + options.entrySet().stream()
                        .map(e -> ":" + e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining());
    }
}
