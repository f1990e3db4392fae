package dev.rvqlm.eval.run;

import dev.rvqlm.eval.results.ResultsJson;
import dev.rvqlm.eval.results.RunResult;
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
 * Finished runs kept on disk, so that re-running an eval with the same settings reuses them (an interrupted eval
 * resumes at the first unfinished run). A run is identified by the SHA-256 of its settings (model, LM shape,
 * training, budget, data identity, held-out split, sampling: {@link RunPlan#settings()}); its directory,
 * {@code MODEL-FINGERPRINT}, holds {@code settings.json}, the model and, once everything is measured,
 * {@code result.json}.
 */
public final class RunCache {

    static final String RESULT = "result.json";
    static final String SETTINGS = "settings.json";

    private final Path root;

    /** The cache in {@code root}, an eval's {@code runs} directory. */
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

    /** The run directory of a plan. */
    public Path directory(RunPlan plan) {
        return root.resolve(directoryName(plan));
    }

    /** The run directory as the report names it: relative to the report directory, e.g. {@code runs/delay-0a1b…}. */
    String relativeDirectory(RunPlan plan) {
        return root.getFileName() + "/" + directoryName(plan);
    }

    private static String directoryName(RunPlan plan) {
        return plan.run().model().toString().replaceAll("[^A-Za-z0-9=,.-]", "_") + "-" + fingerprint(plan.settings());
    }

    /** The stored result of a finished run with exactly these settings, if any. */
    public Optional<RunResult> finished(RunPlan plan) {
        Path dir = directory(plan);
        Path result = dir.resolve(RESULT);
        if (!Files.isRegularFile(result) || !Files.isRegularFile(dir.resolve(SETTINGS))) {
            return Optional.empty();
        }
        try {
            if (!Files.readString(dir.resolve(SETTINGS)).equals(ResultsJson.toJson(plan.settings()))) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(SETTINGS) + ": " + e.getMessage(), e);
        }
        return Optional.of(ResultsJson.readRun(result, plan.run(), relativeDirectory(plan)));
    }

    /** Starts a run: creates its directory and records its settings; returns the directory. */
    public Path start(RunPlan plan) {
        Path dir = directory(plan);
        AtomicFiles.writeString(dir.resolve(SETTINGS), ResultsJson.toJson(plan.settings()));
        return dir;
    }

    /** Marks a run finished by storing its result (atomically, last). */
    public void finish(RunPlan plan, RunResult result) {
        ResultsJson.write(result, directory(plan).resolve(RESULT));
    }
}
