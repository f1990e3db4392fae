package dev.rvqlm.lm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code metrics.jsonl}: one JSON object per optimizer step ({@code step, loss, nll_per_codebook, lr,
 * grad_norm, tokens_per_s, elapsed_s}) and per validation ({@code step, val_nll, val_nll_per_codebook, val_codes}).
 */
final class MetricsLog {

    private final Path file;

    MetricsLog(Path file) {
        this.file = file;
    }

    /** Keeps only the lines of steps before {@code startStep} (a resumed run rewrites what followed). */
    void truncateTo(int startStep) throws IOException {
        if (startStep == 0 || !Files.exists(file)) {
            Files.deleteIfExists(file);
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode step = line.isBlank() ? null : LmJson.MAPPER.readTree(line).get("step");
            if (step != null && step.asInt() < startStep) {
                kept.add(line);
            }
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
    }

    void step(StepMetrics m) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", m.step());
        r.put("loss", m.loss());
        r.put("nll_per_codebook", m.nllPerCodebook());
        r.put("lr", m.learningRate());
        r.put("grad_norm", m.gradNorm());
        r.put("tokens_per_s", m.tokensPerSecond());
        r.put("elapsed_s", m.elapsedSeconds());
        append(r);
    }

    void validation(int step, NllResult r) throws IOException {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("step", step);
        v.put("val_nll", r.meanOverCodebooks());
        v.put("val_nll_per_codebook", r.meanNats());
        v.put("val_codes", Arrays.stream(r.counts()).sum());
        append(v);
    }

    private void append(Map<String, Object> record) throws IOException {
        Files.writeString(
                file,
                LmJson.line(record) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
