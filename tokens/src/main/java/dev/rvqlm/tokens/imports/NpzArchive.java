package dev.rvqlm.tokens.imports;

import dev.rvqlm.tokens.InputFiles;
import dev.rvqlm.tokens.IntArray;
import dev.rvqlm.tokens.NpyFile;
import dev.rvqlm.tokens.TokenFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * NumPy {@code .npz} archives ({@code np.savez}, {@code np.savez_compressed}): a zip file of {@code .npy} members,
 * one per array, named by the keyword the array was saved under ({@code arr_0}, {@code arr_1}, ... for positional
 * ones). Members are read in archive order; each is checked against its declared size before it is inflated.
 */
final class NpzArchive {

    private NpzArchive() {}

    /** Every array of the archive (or only {@code only} when not null), by name without {@code .npy}, in order. */
    static Map<String, IntArray> read(Path file, String only) throws IOException {
        InputFiles.requireRegularFile(file);
        Map<String, IntArray> arrays = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = list(zip);
            for (ZipEntry entry : entries) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName().replaceFirst("\\.npy$", "");
                names.add(name);
                if (only != null && !only.equals(name)) {
                    continue;
                }
                String source = file + ":" + name;
                if (!entry.getName().endsWith(".npy")) {
                    throw new TokenFileException(source, "an .npz member that is not an .npy array");
                }
                long size = entry.getSize();
                if (size < 0 || size > Integer.MAX_VALUE - 8) {
                    throw new TokenFileException(source, "declares an impossible size " + size);
                }
                InputFiles.requireHeapFor(file, size, 2 * size);
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readNBytes((int) size);
                    if (bytes.length != size || in.read() != -1) {
                        throw new TokenFileException(source, "holds another size than its zip entry declares");
                    }
                }
                arrays.put(name, NpyFile.decode(source, bytes, true));
            }
        } catch (ZipException e) {
            throw new TokenFileException(file, "not a readable .npz (zip) archive: " + e.getMessage());
        }
        if (arrays.isEmpty()) {
            throw new TokenFileException(
                    file,
                    only == null
                            ? "an .npz archive with no arrays"
                            : "has no array named '" + only + "' (it has: " + String.join(", ", names) + ")");
        }
        return arrays;
    }

    private static List<? extends ZipEntry> list(ZipFile zip) {
        List<ZipEntry> out = new ArrayList<>();
        Enumeration<? extends ZipEntry> e = zip.entries();
        while (e.hasMoreElements()) {
            out.add(e.nextElement());
        }
        return out;
    }
}
