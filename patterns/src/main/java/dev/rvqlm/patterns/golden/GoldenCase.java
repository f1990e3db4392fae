package dev.rvqlm.patterns.golden;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One case of a reference file ({@code shared/golden/patterns-public.json}, whose {@code format} field documents
 * every key): a reference provider with its keyword arguments, K and T, and either the reference's error or its
 * layout, counts and build/revert results.
 *
 * @param fields the case's JSON object as parsed by {@link JsonReader}
 */
public record GoldenCase(Map<String, Object> fields) {

    public String id() {
        return (String) fields.get("id");
    }

    public int codebooks() {
        return ((Long) fields.get("K")).intValue();
    }

    public int timesteps() {
        return ((Long) fields.get("T")).intValue();
    }

    /** True when the reference rejected this configuration. */
    public boolean expectsError() {
        return fields.containsKey("error");
    }

    /** The reference's error as "Type: message", for reports. */
    public String error() {
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) fields.get("error");
        return error.get("type") + " at " + error.get("stage") + ": " + error.get("message");
    }

    public Object get(String key) {
        return fields.get(key);
    }

    /**
     * The rvqlm pattern spec equivalent to the reference provider and its keyword arguments, e.g.
     * {@code DelayedPatternProvider(delays=[0,2])} becomes {@code delay:delays=0,2}.
     */
    public String patternSpec() {
        @SuppressWarnings("unchecked")
        Map<String, Object> kwargs = (Map<String, Object>) fields.get("kwargs");
        String provider = (String) fields.get("provider");
        String name = switch (provider) {
            case "ParallelPatternProvider" -> "parallel";
            case "DelayedPatternProvider" -> "delay";
            case "UnrolledPatternProvider" -> kwargs.containsKey("flattening") ? "partial-flatten" : "flatten";
            case "CoarseFirstPattern" -> "coarse-first";
            case "VALLEPattern" -> "valle";
            case "MusicLMPattern" -> "musiclm";
            default -> throw new IllegalArgumentException("case " + id() + ": unknown reference provider " + provider);
        };
        StringBuilder spec = new StringBuilder(name);
        kwargs.forEach((key, value) -> spec.append(':').append(key).append('=').append(specValue(value)));
        return spec.toString();
    }

    private static String specValue(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
