package dev.rvqlm.tokens;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.stream.Collectors;

/** Jackson's errors about a manifest, as a sentence in the manifest's terms (no Java type names). */
final class ManifestErrors {

    private ManifestErrors() {}

    static String describe(JacksonException e) {
        if (e instanceof MismatchedInputException m) {
            String where = path(m.getPath());
            String expected = expected(m.getTargetType());
            return where.isEmpty() ? "the manifest must be " + expected : "'" + where + "' must be " + expected;
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            Throwable cause = m.getCause() == null ? m : m.getCause();
            return "'" + path(m.getPath()) + "': " + cause.getMessage();
        }
        if (e instanceof JsonProcessingException p && p.getLocation() != null) {
            return "not valid JSON at line " + p.getLocation().getLineNr() + ", column "
                    + p.getLocation().getColumnNr();
        }
        return "not valid JSON";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        return refs.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a JSON object";
    }
}
