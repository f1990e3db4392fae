package dev.rvqlm.eval.run;

import dev.rvqlm.eval.report.ResultsJson;
import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Finished pattern runs kept on disk, so that re-running an eval with the same settings reuses them (an interrupted
 * eval resumes at the first unfinished pattern). A run is identified by the SHA-256 of its settings (pattern, model,
 * training, budget, data identity, held-out split, sampling); its directory holds {@code settings.json},
 * {@code model.rvqlm} and, once everything is measured, {@code result.json}.
 */
public final class RunCache {

    static final String RESULT = "result.json";
    static final String SETTINGS = "settings.json";
    static final String MODEL = "model.rvqlm";

    private final Path root;

    public RunCache(Path root) {
        this.root = root;
    }

    /** The identity of a run's settings: 16 hex digits of the SHA-256 of their JSON. */
    public static String fingerprint(Map<String, Object> settings) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(ResultsJson.toJson(settings).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }

    /** The run directory of a pattern under given settings. */
    public Path directory(PatternSpec spec, String fingerprint) {
        return root.resolve(spec.toString().replaceAll("[^A-Za-z0-9=,.-]", "_") + "-" + fingerprint);
    }

    /** The stored result of a finished run with exactly these settings, if any. */
    public Optional<PatternResult> finished(PatternSpec spec, Map<String, Object> settings) {
        Path dir = directory(spec, fingerprint(settings));
        Path result = dir.resolve(RESULT);
        if (!Files.isRegularFile(result) || !Files.isRegularFile(dir.resolve(SETTINGS))) {
            return Optional.empty();
        }
        try {
            if (!Files.readString(dir.resolve(SETTINGS)).equals(ResultsJson.toJson(settings))) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(SETTINGS) + ": " + e.getMessage(), e);
        }
        return Optional.of(ResultsJson.readPattern(result));
    }

    /** Starts a run: creates its directory and records its settings; returns the directory. */
    public Path start(PatternSpec spec, Map<String, Object> settings) {
        Path dir = directory(spec, fingerprint(settings));
        AtomicFiles.writeString(dir.resolve(SETTINGS), ResultsJson.toJson(settings));
        return dir;
    }

    /** Marks a run finished by storing its result (atomically, last). */
    public void finish(PatternSpec spec, Map<String, Object> settings, PatternResult result) {
        ResultsJson.write(result, directory(spec, fingerprint(settings)).resolve(RESULT));
    }
}
