package dev.rvqlm.tokens.imports;

import dev.rvqlm.tokens.IntArray;
import dev.rvqlm.tokens.NpyFile;
import dev.rvqlm.tokens.TokenEntryNames;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The arrays named on the command line: {@code .npy} files, {@code .npz} archives and safetensors files, or
 * directories searched recursively for them, each array with the name its token file gets (its path relative to the
 * directory given, without the extension; an archive's arrays under the archive's name unless it holds one).
 */
final class ImportSources {

    static final List<String> EXTENSIONS = List.of(".npy", ".npz", ".safetensors");

    /** One array: where it came from (for messages and the manifest) and its output name without extension. */
    record Source(String origin, String name, IntArray array) {}

    private ImportSources() {}

    static List<Source> read(List<Path> inputs, String tensor) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(
                    "give .npy, .npz or .safetensors files, or a directory of them, to import");
        }
        List<Source> sources = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(input)) {
                    found = walk.filter(p -> Files.isRegularFile(p) && extension(p) != null)
                            .sorted()
                            .toList();
                }
                if (found.isEmpty()) {
                    throw new IllegalArgumentException(
                            input + ": no .npy, .npz or .safetensors files in this directory");
                }
                for (Path p : found) {
                    add(sources, p, input.relativize(p).toString().replace('\\', '/'), tensor);
                }
            } else if (Files.exists(input) && extension(input) == null) {
                throw new IllegalArgumentException(input + ": not a .npy, .npz or .safetensors file (by its name)");
            } else {
                add(sources, input, input.getFileName().toString(), tensor); // a missing file fails when read
            }
        }
        Set<String> names = new HashSet<>();
        for (Source s : sources) {
            if ((s.name() + ".npy").equals(TokenManifest.FILE_NAME) || !names.add(s.name())) {
                throw new IllegalArgumentException(s.origin() + ": another input is also named " + s.name()
                        + " in the token directory; import them from one directory to keep their relative paths");
            }
        }
        return sources;
    }

    private static void add(List<Source> sources, Path file, String relative, String tensor) throws IOException {
        String ext = extension(file);
        String stem = relative.substring(0, relative.length() - (ext == null ? 0 : ext.length()));
        if (".npy".equals(ext) || ext == null) {
            if (tensor != null) {
                throw new IllegalArgumentException(file + ": --tensor selects an array of an .npz or safetensors file; "
                        + "a .npy holds one array");
            }
            sources.add(new Source(file.toString(), stem, NpyFile.readIntegers(file)));
            return;
        }
        Map<String, IntArray> arrays =
                ".npz".equals(ext) ? NpzArchive.read(file, tensor) : SafetensorsFile.read(file, tensor);
        for (Map.Entry<String, IntArray> e : arrays.entrySet()) {
            String name = arrays.size() == 1 ? stem : stem + "/" + e.getKey();
            TokenEntryNames.check(name + ".npy", file);
            sources.add(new Source(file + ":" + e.getKey(), name, e.getValue()));
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        return EXTENSIONS.stream().filter(name::endsWith).findFirst().orElse(null);
    }
}
