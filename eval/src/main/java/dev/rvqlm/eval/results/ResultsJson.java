package dev.rvqlm.eval.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rvqlm.tokens.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code results.json}, each run's {@code result.json} and the settings that key the run cache: the records in
 * snake_case JSON (Jackson), one mapper for all of them.
 */
public final class ResultsJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ResultsJson() {}

    /** The shared mapper (snake_case names, indented). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    public static void write(EvalResults results, Path file) {
        AtomicFiles.writeString(file, toJson(results));
    }

    public static void write(RunResult result, Path file) {
        AtomicFiles.writeString(file, toJson(result));
    }

    public static EvalResults readResults(Path file) {
        return read(file, EvalResults.class);
    }

    /**
     * A run's stored result; a file written before runs were typed (it names a {@code pattern} at its top) is read
     * as {@code run}'s, stored in {@code directory}.
     */
    public static RunResult readRun(Path file, RunSpec run, String directory) {
        JsonNode tree = read(file, JsonNode.class);
        try {
            if (tree.has("pattern")) {
                return MAPPER.treeToValue(tree, LegacyRunResult.class).toRunResult(run, directory);
            }
            return MAPPER.treeToValue(tree, RunResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Any record of this package from its JSON text (what a worker sends back, say). */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON: " + e.getMessage(), e);
        }
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(Files.readString(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
