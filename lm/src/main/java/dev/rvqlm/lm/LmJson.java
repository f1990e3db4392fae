package dev.rvqlm.lm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The lm module's one JSON mapper (metrics lines, checkpoint headers, benchmark records): compact, one object per
 * line, records by component, strict on read (a missing or unknown field is an error, not a default).
 *
 * <pre>{@code
 * String line = LmJson.line(Map.of("bench", "mm", "peak_gflops", 41.2));
 * }</pre>
 */
public final class LmJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private LmJson() {}

    /** {@code value} as one line of JSON (maps, lists, records, numbers; non-finite doubles as strings). */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON (a bug)", e);
        }
    }
}
