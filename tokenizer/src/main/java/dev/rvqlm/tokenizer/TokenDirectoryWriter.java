package dev.rvqlm.tokenizer;

import dev.rvqlm.tokens.IoProblems;
import dev.rvqlm.tokens.TokenEntryNames;
import dev.rvqlm.tokens.TokenFileException;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Encodes audio files into a token directory ({@code .npy} [K, T] per file plus {@code manifest.json}), in parallel,
 * so that the directory is always either consistent or visibly unusable:
 * <ul>
 *   <li>every file is first encoded into a sibling temporary directory, so a failed encode (a bad input file) leaves
 *       an existing token directory exactly as it was;</li>
 *   <li>only then is the old manifest removed, the new files moved in and the new manifest written last, so a kill
 *       in between leaves a directory without a manifest, which every reader refuses, never old and new codes under
 *       one manifest;</li>
 *   <li>two inputs that would get the same token name are refused before any work.</li>
 * </ul>
 * Temporary directories of killed encodes are removed at the next encode beside them.
 */
public final class TokenDirectoryWriter {

    /**
     * One audio file and the token file name it gets, relative to the directory (e.g. {@code speech/clip.npy}).
     */
    public record Input(Path audio, String tokenName) {}

    /** What was written. */
    public record Result(TokenManifest manifest, double audioSeconds, double seconds) {}

    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.encoding\\.(\\d+)\\.tmp");

    private final Codec codec;
    private final int threads;

    /** @param threads files encoded at once, at least 1 */
    public TokenDirectoryWriter(Codec codec, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.codec = codec;
        this.threads = threads;
    }

    /** Inputs named by their file names with the extension replaced by {@code .npy} (as the demo's corpus is). */
    public static List<Input> byFileName(List<Path> audio) {
        return audio.stream()
                .map(f -> new Input(f, withoutExtension(f.getFileName().toString()) + ".npy"))
                .toList();
    }

    /** {@code name} without its last extension ({@code a/b.wav} → {@code a/b}). */
    public static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > name.lastIndexOf('/') ? name.substring(0, dot) : name;
    }

    /**
     * Encodes every input into {@code out} (created if needed).
     *
     * @param progress one line per finished file ("[i/n] name")
     */
    public Result encode(List<Input> inputs, Path out, Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no audio files to encode");
        }
        refuseDuplicates(inputs);
        out = out.toAbsolutePath().normalize();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new TokenFileException(out, "is a file; the token directory to write must be a directory");
        }
        refuseNestedTokenDirectories(inputs, out);
        Path parent = out.getParent();
        try {
            Files.createDirectories(parent);
        } catch (FileSystemException e) {
            throw new FileSystemException(out.toString(), null, "cannot be written: " + IoProblems.sentence(e));
        }
        removeStaleTemporaries(parent, out.getFileName().toString());
        Path staging;
        try {
            staging = Files.createDirectory(parent.resolve("." + out.getFileName() + ".encoding."
                    + ProcessHandle.current().pid() + ".tmp"));
        } catch (FileSystemException e) { // name the directory the user gave, not our temporary one
            throw new FileSystemException(
                    out.toString(), null, "cannot be written: " + IoProblems.describe(e) + " in " + parent);
        }
        try {
            double[] seconds = new double[inputs.size()];
            List<TokenManifest.Entry> entries = encodeAll(inputs, staging, seconds, progress);
            TokenManifest manifest = codec.manifest(entries);
            install(staging, out, manifest);
            return new Result(manifest, Arrays.stream(seconds).sum(), (System.nanoTime() - start) / 1e9);
        } finally {
            deleteTree(staging);
        }
    }

    private List<TokenManifest.Entry> encodeAll(
            List<Input> inputs, Path staging, double[] seconds, Consumer<String> progress) throws IOException {
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, inputs.size()));
        try {
            List<Future<TokenManifest.Entry>> futures = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Input in = inputs.get(i);
                int index = i;
                futures.add(pool.submit(() -> {
                    float[] audio = AudioIO.readMono(in.audio(), codec.sampleRate());
                    seconds[index] = audio.length / (double) codec.sampleRate();
                    int[][] codes = codec.encode(audio);
                    TokenFiles.write(staging.resolve(in.tokenName()), codes, codec.codebookSize());
                    progress.accept(String.format(
                            Locale.ROOT, "[%d/%d] %s", done.incrementAndGet(), inputs.size(), in.tokenName()));
                    return new TokenManifest.Entry(
                            in.tokenName(), codes[0].length, in.audio().toString());
                }));
            }
            List<TokenManifest.Entry> entries = new ArrayList<>();
            for (Future<TokenManifest.Entry> f : futures) {
                entries.add(join(f));
            }
            return entries;
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool); // no worker may still write into staging while it is deleted
        }
    }

    /** Old manifest out, new files in, new manifest last. */
    private static void install(Path staging, Path out, TokenManifest manifest) throws IOException {
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(TokenManifest.FILE_NAME));
        for (TokenManifest.Entry e : manifest.files()) {
            Path target = out.resolve(e.name());
            Files.createDirectories(target.getParent());
            move(staging.resolve(e.name()), target);
        }
        manifest.write(out);
    }

    /** A token file may not land inside another token directory below {@code out}: that one would be mixed. */
    private static void refuseNestedTokenDirectories(List<Input> inputs, Path out) {
        refuseNestedTokenDirectories(
                inputs.stream().map(Input::tokenName).toList(),
                out.toString(),
                dir -> Files.exists(out.resolve(dir).resolve(TokenManifest.FILE_NAME)));
    }

    /**
     * The rule above for any storage: refuses a token name whose directory below the output (e.g. {@code a} and
     * {@code a/b} for {@code a/b/c.npy}) already holds a manifest, as {@code isTokenDirectory} says of such a
     * directory (relative to the output, '/'-separated).
     */
    public static void refuseNestedTokenDirectories(
            List<String> tokenNames, String out, Predicate<String> isTokenDirectory) {
        for (String name : tokenNames) {
            for (int slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
                String dir = name.substring(0, slash);
                if (isTokenDirectory.test(dir)) {
                    throw new TokenFileException(
                            Path.of(out, dir),
                            "is a token directory inside " + out + "; encoding " + name
                                    + " there would mix its files: choose another --out");
                }
            }
        }
    }

    private static void refuseDuplicates(List<Input> inputs) {
        refuseClashingNames(
                inputs.stream().map(Input::tokenName).toList(),
                inputs.stream().map(in -> in.audio().toString()).toList());
    }

    /**
     * Refuses, before any work, a token name that would leave the directory and two sources (audio files, as
     * given) that would get the same token name.
     */
    public static void refuseClashingNames(List<String> tokenNames, List<String> sources) {
        Map<String, String> byName = new HashMap<>();
        for (int i = 0; i < tokenNames.size(); i++) {
            TokenEntryNames.check(tokenNames.get(i), Path.of(sources.get(i)));
            String other = byName.putIfAbsent(tokenNames.get(i), sources.get(i));
            if (other != null) {
                throw new IllegalArgumentException(other + " and " + sources.get(i) + " would both be written as "
                        + tokenNames.get(i) + ": rename one, or give their common parent directory so that the "
                        + "sub-directories are kept");
            }
        }
    }

    private static void removeStaleTemporaries(Path parent, String outName) {
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path p : siblings.toList()) {
                Matcher m = TEMPORARY.matcher(p.getFileName().toString());
                if (m.matches()
                        && m.group(1).equals(outName)
                        && ProcessHandle.of(Long.parseLong(m.group(2)))
                                .map(h -> !h.isAlive())
                                .orElse(true)) {
                    deleteTree(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a courtesy: an old temporary directory that cannot be removed must not stop this encode
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // left for the next encode beside it to remove (see removeStaleTemporaries)
        }
    }

    private static <T> T join(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("an encoding worker failed", cause);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
