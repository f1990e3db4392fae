package dev.rvqlm.lm.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmFamily;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.InputFiles;
import dev.rvqlm.tokens.Safetensors;
import dev.rvqlm.tokens.TokenFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained model as PyTorch reads it: {@code model.safetensors} (float32 weights under PyTorch's names, {@link
 * TorchNames}) and {@code config.json} (the shape in snake_case for {@code python/rvqlm_torch.py}, the pattern,
 * the tokenizer identity, and rvqlm's own {@link LmConfig} so that the model comes back exactly). The directory can
 * be read back ({@link #read}) to sample or to train on from those weights.
 *
 * <pre>{@code
 * TorchExport.write(LmModel.load(Path.of("runs/delay/checkpoint.rvqlm")), Path.of("export/delay"));
 * // Python: model = rvqlm_torch.load("export/delay"); logits = model.logits(sequence)
 * }</pre>
 */
public final class TorchExport {

    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";
    /** What {@code config.json}'s {@code "format"} says; its {@code "format_version"} is {@link #VERSION}. */
    public static final String FORMAT = "rvqlm-lm";

    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private TorchExport() {}

    /** Writes {@code model} into {@code dir} (created if needed): weights first, the config last. */
    public static void write(LmModel model, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (LmModel.NamedTensor t : model.tensors()) {
            tensors.put(TorchNames.torch(t.name()), t.values());
            shapes.put(TorchNames.torch(t.name()), t.shape());
        }
        Map<String, String> metadata = Map.of("format", "pt", "rvqlm", FORMAT + " " + VERSION);
        AtomicFiles.replace(dir.resolve(WEIGHTS), Safetensors.serialize(tensors, shapes, metadata));
        AtomicFiles.replace(
                dir.resolve(CONFIG), JSON.writeValueAsString(config(model)).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code config.json}: what the PyTorch twin needs, in its terms, and rvqlm's config to come back. */
    static ObjectNode config(LmModel model) {
        ObjectNode node = JSON.createObjectNode().put("format", FORMAT).put("format_version", VERSION);
        node.setAll(shape(model.config()));
        node.put("layer_norm_eps", 1e-5)
                .put("activation", "gelu")
                .put(
                        "pattern",
                        model.patternSpec() == null ? "" : model.patternSpec().toString())
                .put("tokenizer", model.tokenizerId())
                .put("trained_steps", model.trainedSteps());
        node.set("rvqlm_config", JSON.valueToTree(model.config()));
        return node;
    }

    /** The shape fields the PyTorch twin builds its model from. */
    private static ObjectNode shape(LmConfig c) {
        ObjectNode node = JSON.createObjectNode()
                .put("family", c.depth() == null ? "interleaved" : "depth")
                .put("codebooks", c.codebooks())
                .put("codebook_size", c.codebookSize())
                .put("special_token", c.codebookSize())
                .put("dim", c.dim())
                .put("layers", c.layers())
                .put("heads", c.heads())
                .put("ffn_multiplier", c.ffnMultiplier())
                .put("max_sequence_steps", c.maxSequenceSteps());
        LmFamily.Depth d = c.depth();
        if (d != null) {
            node.putObject("depth")
                    .put("dim", d.dim())
                    .put("layers", d.layers())
                    .put("heads", d.heads())
                    .put("ffn_multiplier", d.ffnMultiplier());
        }
        return node;
    }

    /**
     * Reads an export (a directory holding {@code config.json} and {@code model.safetensors}, e.g. weights changed in
     * PyTorch and saved back by {@code rvqlm_torch.save}) as a model.
     *
     * @throws IllegalArgumentException naming the file when the config or a tensor does not fit
     */
    public static LmModel read(Path dir) throws IOException {
        Path configFile = dir.resolve(CONFIG);
        JsonNode config;
        try {
            config = JSON.readTree(InputFiles.readAllBytes(configFile));
        } catch (JsonProcessingException e) {
            throw new TokenFileException(configFile, "not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!FORMAT.equals(config.path("format").asText())
                || config.path("format_version").asInt() != VERSION) {
            throw new TokenFileException(
                    configFile,
                    "not an rvqlm export (format " + config.path("format") + " version " + config.path("format_version")
                            + "; this rvqlm reads " + FORMAT + " version " + VERSION + ")");
        }
        LmConfig lm;
        try {
            lm = JSON.treeToValue(config.path("rvqlm_config"), LmConfig.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new TokenFileException(configFile, "rvqlm_config does not hold a model shape: " + e.getMessage());
        }
        shape(lm).fields().forEachRemaining(field -> {
            if (!field.getValue().equals(config.get(field.getKey()))) {
                throw new TokenFileException(
                        configFile,
                        field.getKey() + " is " + config.get(field.getKey()) + " but rvqlm_config says "
                                + field.getValue() + ": edit both, or neither");
            }
        });
        Safetensors weights = Safetensors.read(dir.resolve(WEIGHTS));
        Map<String, float[]> values = new LinkedHashMap<>();
        for (String torchName : weights.entries().keySet()) {
            values.put(torchName, weights.floats(torchName));
        }
        LmModel model;
        try {
            model = LmModel.fromTensors(lm, rvqlmNames(lm, values));
        } catch (IllegalArgumentException e) {
            throw new TokenFileException(dir.resolve(WEIGHTS), e.getMessage());
        }
        String pattern = config.path("pattern").asText("");
        model.setPatternSpec(pattern.isEmpty() ? null : PatternSpec.parse(pattern));
        model.setTokenizerId(config.path("tokenizer").asText(""));
        model.setTrainedSteps(config.path("trained_steps").asInt(0));
        return model;
    }

    /** The values keyed by rvqlm's names; a tensor that is none of the config's parameters is an error. */
    private static Map<String, float[]> rvqlmNames(LmConfig config, Map<String, float[]> byTorchName) {
        Map<String, String> rvqlmOf = new LinkedHashMap<>();
        LmModel.parameterNames(config).forEach(n -> rvqlmOf.put(TorchNames.torch(n), n));
        Map<String, float[]> out = new LinkedHashMap<>();
        byTorchName.forEach((name, values) -> {
            if (!rvqlmOf.containsKey(name)) {
                throw new IllegalArgumentException("tensor " + name + " is not a parameter of this config");
            }
            out.put(rvqlmOf.get(name), values);
        });
        return out;
    }
}
