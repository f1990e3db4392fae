package dev.rvqlm.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code rvq tokens stats}: the stream statistics ({@link StreamStatistics}) of any token directory: one with a
 * {@code manifest.json} (rvqlm's, or imported), or a bare directory of [K, T] integer {@code .npy} files (then N is
 * given, or taken as the largest code + 1).
 *
 * @param directory the token directory
 * @param source    "manifest" or "bare .npy files"
 * @param codec     the manifest's codec identity, or null
 * @param files     token files read
 * @param frames    frames over all files
 * @param codebooks K
 * @param codebookSize N
 * @param streams   per-stream statistics
 */
public record TokenStats(
        Path directory,
        String source,
        String codec,
        int files,
        long frames,
        int codebooks,
        int codebookSize,
        List<StreamStatistics.Stream> streams) {

    /** @param codebookSize N for bare .npy files (0: the largest code + 1); ignored with a manifest */
    public static TokenStats of(Path dir, int codebookSize) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new TokenFileException(dir, "is a file, not a token directory");
            }
            throw new NoSuchFileException(dir.toString());
        }
        if (Files.exists(dir.resolve(TokenManifest.FILE_NAME))) {
            TokenDirectory tokens = TokenDirectory.read(dir);
            List<int[][]> codes = tokens.corpus().items().stream()
                    .map(TokenCorpus.Item::codes)
                    .toList();
            return of(dir, "manifest", tokens.manifest().codec(), codes, tokens.codebookSize());
        }
        List<Path> npy;
        try (Stream<Path> walk = Files.walk(dir)) {
            npy = walk.filter(p -> p.toString().endsWith(".npy") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        }
        if (npy.isEmpty()) {
            throw new TokenFileException(dir, "has neither " + TokenManifest.FILE_NAME + " nor .npy token files");
        }
        List<int[][]> codes = new ArrayList<>();
        int max = -1;
        for (Path f : npy) {
            int[][] c = NpyFile.read(f);
            if (c.length == 0 || (!codes.isEmpty() && c.length != codes.get(0).length)) {
                throw new TokenFileException(
                        f,
                        "has K=" + c.length + " codebooks"
                                + (codes.isEmpty() ? "" : ", the first file has " + codes.get(0).length));
            }
            for (int[] row : c) {
                for (int v : row) {
                    if (v < 0 || (codebookSize > 0 && v >= codebookSize)) {
                        throw new TokenFileException(
                                f,
                                "holds code " + v + ", outside [0, " + (codebookSize > 0 ? codebookSize : "N") + ")");
                    }
                    max = Math.max(max, v);
                }
            }
            codes.add(c);
        }
        return of(dir, "bare .npy files", null, codes, codebookSize > 0 ? codebookSize : max + 1);
    }

    private static TokenStats of(Path dir, String source, String codec, List<int[][]> codes, int size) {
        long frames = codes.stream().mapToLong(c -> c[0].length).sum();
        return new TokenStats(
                dir,
                source,
                codec,
                codes.size(),
                frames,
                codes.get(0).length,
                size,
                StreamStatistics.measure(codes, size));
    }

    public String text() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "%s: %d files (%s%s), %d frames, K=%d, N=%d%n",
                directory,
                files,
                source,
                codec == null ? "" : ", codec " + codec,
                frames,
                codebooks,
                codebookSize));
        s.append(StreamStatistics.table(streams, frames, codebookSize));
        return s.toString();
    }

    public String json() {
        try {
            return new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(new Json(
                                    directory.toString(),
                                    source,
                                    codec,
                                    files,
                                    frames,
                                    codebooks,
                                    codebookSize,
                                    streams))
                    + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("token statistics do not serialise", e);
        }
    }

    private record Json(
            String directory,
            String source,
            String codec,
            int files,
            long frames,
            int codebooks,
            int codebookSize,
            List<StreamStatistics.Stream> streams) {}
}
