package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rvqlm.lm.export.TorchExport;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.patterns.StepSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch twin ({@code python/rvqlm_torch.py}) loads what {@link TorchExport} wrote and gives the same logits,
 * within 1e-4, for a model of every pattern family and for depth models: each trained a few steps (so that no
 * LayerNorm is still at its initial 1 and 0), fed one of its pattern's sequences. The way back: each model saved by
 * {@code rvqlm_torch.save} reads into rvqlm with the same weights and samples. Needs python3 with torch (Debian:
 * python3-torch); skipped when it is missing, unless RVQLM_REQUIRE_TORCH=1 (CI sets it) makes that a failure.
 */
class TorchParityTest {

    static final String[][] CASES = {
        {"parallel", "interleaved"},
        {"delay", "interleaved"},
        {"flatten", "interleaved"},
        {"partial-flatten", "interleaved"},
        {"coarse-first", "interleaved"},
        {"valle", "interleaved"},
        {"musiclm:group_by=1", "interleaved"},
        {"parallel", "depth"},
        {"delay", "depth"}
    };

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Path twin;
    static String python;

    /** The first of $RVQLM_PYTHON, python3 and Debian's /usr/bin/python3 that imports torch and numpy. */
    @BeforeAll
    static void findPythonWithTorch() throws Exception {
        twin = Path.of("..", "python", "rvqlm_torch.py").toAbsolutePath().normalize();
        List<String> candidates = new ArrayList<>();
        if (System.getenv("RVQLM_PYTHON") != null) {
            candidates.add(System.getenv("RVQLM_PYTHON"));
        }
        candidates.addAll(List.of("python3", "/usr/bin/python3"));
        for (String candidate : candidates) {
            if (run(List.of(candidate, "-c", "import torch, numpy")).status == 0) {
                python = candidate;
                break;
            }
        }
        boolean torch = python != null;
        if (!torch && "1".equals(System.getenv("RVQLM_REQUIRE_TORCH"))) {
            throw new IllegalStateException("RVQLM_REQUIRE_TORCH=1 but python3 cannot import torch and numpy");
        }
        Assumptions.assumeTrue(
                torch, "python3 with torch and numpy is not installed (Debian: python3-torch): parity not checked");
    }

    @Test
    void theTorchTwinGivesTheSameLogitsForEveryFamily() throws Exception {
        ArrayNode cases = JSON.createArrayNode();
        for (String[] c : CASES) {
            cases.add(exportCase(c[0], c[1]));
        }
        Path request = dir.resolve("request.json");
        Files.writeString(request, JSON.createObjectNode().set("cases", cases).toString());
        Outcome outcome = run(List.of(python, twin.toString(), "--parity", request.toString()));
        assertEquals(0, outcome.status, outcome.output);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : outcome.output.lines().filter(l -> l.startsWith("{")).toList()) {
            lines.add(JSON.readTree(line));
        }
        assertEquals(CASES.length, lines.size(), outcome.output);
        for (JsonNode line : lines) {
            System.out.printf(
                    "parity %-32s max |logit diff| %.3g (max |logit| %.3g, torch %s)%n",
                    line.path("name").asText(),
                    line.path("max_abs_diff").asDouble(),
                    line.path("max_abs_logit").asDouble(),
                    line.path("torch").asText());
            assertTrue(line.path("max_abs_logit").asDouble() > 0.05, "logits are not trivially zero: " + line);
            assertTrue(line.path("max_abs_diff").asDouble() < 1e-4, line.toString());
        }
        for (JsonNode c : cases) { // the way back: saved by rvqlm_torch.save, read by rvqlm, samples identical
            try (LmModel exported = TorchExport.read(Path.of(c.path("export").asText()));
                    LmModel back = TorchExport.read(Path.of(c.path("resave").asText()))) {
                for (int i = 0; i < exported.tensors().size(); i++) {
                    assertArrayEquals(
                            exported.tensors().get(i).values(),
                            back.tensors().get(i).values());
                }
                assertArrayEquals(
                        Sampler.generate(exported, 2, 8, SampleConfig.topK(4), 3),
                        Sampler.generate(back, 2, 8, SampleConfig.topK(4), 3),
                        c.path("name").asText());
            }
        }
    }

    /** A model of this pattern and family, trained a few steps and exported, with a sequence and its logits. */
    private ObjectNode exportCase(String pattern, String family) throws IOException {
        LmConfig config = Tiny.config();
        if (family.equals("depth")) {
            config = config.toBuilder().family(new LmFamily.Depth(8, 1, 2, 2)).build();
        }
        PatternSpec spec = PatternSpec.parse(pattern);
        String name = family + " " + pattern;
        Path export = dir.resolve(name.replaceAll("[^a-z0-9]+", "_"));
        try (LmModel model = LmModel.create(config, 11)) {
            new LmTrainer(Tiny.train(6, 3)).train(model, Tiny.corpus(4, 12, 5), spec, TrainListener.NONE);
            TorchExport.write(model, export);
            int[][][] sequence = new PatternBatcher(spec, config, 6, StepSelection.ALL_STEPS)
                    .batch(List.of(Tiny.codes(6, 21), Tiny.codes(6, 22)))
                    .sequences();
            float[] logits = model.teacherForcedLogits(sequence);
            ObjectNode c = JSON.createObjectNode()
                    .put("name", name)
                    .put("export", export.toString())
                    .put("resave", export + "_back");
            c.set("sequence", JSON.valueToTree(sequence));
            c.set("logits", JSON.valueToTree(logits));
            return c;
        }
    }

    private record Outcome(int status, String output) {}

    private static Outcome run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            return new Outcome(-1, e.getMessage());
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Outcome(-1, "timed out: " + output);
        }
        return new Outcome(p.exitValue(), output);
    }
}
