package dev.rvqlm.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.tokens.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code results.json} and the per-pattern result files: the records in snake_case JSON (Jackson). */
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

    public static void write(PatternResult result, Path file) {
        AtomicFiles.writeString(file, toJson(result));
    }

    public static EvalResults readResults(Path file) {
        return read(file, EvalResults.class);
    }

    public static PatternResult readPattern(Path file) {
        return read(file, PatternResult.class);
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(Files.readString(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
