package dev.rvqlm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;

/**
 * The result of a command as JSON on stdout ({@code --json}): one object (records by component name, maps, lists;
 * paths as given), on one line so that it pipes into {@code jq}; progress stays on stderr.
 *
 * <pre>{@code
 * if (a.has("json")) JsonOutput.print(terminal, Map.of("out", out.toString(), "files", n));
 * }</pre>
 */
public final class JsonOutput {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new SimpleModule().addSerializer(Path.class, new ToStringSerializer(Path.class)))
            .build();

    private JsonOutput() {}

    public static void print(Terminal terminal, Object result) {
        try {
            terminal.out().println(MAPPER.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result as JSON (a bug)", e);
        }
    }

    /** The mapper the results are written with (tests read them back with it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
