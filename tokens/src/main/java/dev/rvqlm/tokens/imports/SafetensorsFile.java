package dev.rvqlm.tokens.imports;

import dev.rvqlm.tokens.IntArray;
import dev.rvqlm.tokens.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The integer tensors of a safetensors file ({@link Safetensors}) to import: every one, or one by name. */
final class SafetensorsFile {

    private SafetensorsFile() {}

    /** Every tensor of the file (or only {@code only} when not null), by name, in data order. */
    static Map<String, IntArray> read(Path file, String only) throws IOException {
        Safetensors tensors = Safetensors.read(file);
        Map<String, IntArray> out = new LinkedHashMap<>();
        for (String name : only == null ? tensors.entries().keySet() : List.of(only)) {
            out.put(name, tensors.integers(name));
        }
        return out;
    }
}
