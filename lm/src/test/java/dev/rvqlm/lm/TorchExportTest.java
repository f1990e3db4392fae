package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rvqlm.lm.export.TorchExport;
import dev.rvqlm.lm.export.TorchNames;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export read back is the same model: the same weights, identity and seeded samples. */
class TorchExportTest {

    @TempDir
    Path dir;

    @Test
    void anExportReadBackSamplesIdenticallyForBothFamilies() throws Exception {
        for (LmConfig config : List.of(
                Tiny.config(),
                Tiny.config().toBuilder().family(new LmFamily.Depth(8, 1, 2, 2)).build())) {
            Path export = dir.resolve(config.depth() == null ? "interleaved" : "depth");
            try (LmModel model = LmModel.create(config, 4)) {
                new LmTrainer(Tiny.train(6, 3))
                        .train(model, Tiny.corpus(4, 12, 5), PatternSpec.parse("delay"), TrainListener.NONE);
                model.setTokenizerId("codec:abc");
                TorchExport.write(model, export);
                try (LmModel back = TorchExport.read(export)) {
                    assertEquals(model.config(), back.config());
                    assertEquals(model.patternSpec(), back.patternSpec());
                    assertEquals("codec:abc", back.tokenizerId());
                    assertEquals(model.trainedSteps(), back.trainedSteps());
                    for (int i = 0; i < model.tensors().size(); i++) {
                        assertArrayEquals(
                                model.tensors().get(i).values(),
                                back.tensors().get(i).values());
                    }
                    SampleConfig sampling = SampleConfig.topK(4);
                    for (long seed = 0; seed < 3; seed++) {
                        assertArrayEquals(
                                Sampler.generate(model, 2, 12, sampling, seed),
                                Sampler.generate(back, 2, 12, sampling, seed),
                                "seed " + seed);
                    }
                }
            }
        }
    }

    @Test
    void theWeightsCarryPyTorchsNamesAndMetadata() throws Exception {
        try (LmModel model = LmModel.create(
                Tiny.config().toBuilder().family(new LmFamily.Depth(8, 1, 2, 2)).build(), 4)) {
            TorchExport.write(model, dir);
        }
        Safetensors weights = Safetensors.read(dir.resolve(TorchExport.WEIGHTS));
        assertEquals("pt", weights.metadata().get("format"));
        assertTrue(weights.entries().containsKey("emb.weight"));
        assertTrue(weights.entries().containsKey("layers.0.attn.qkv.weight"));
        assertTrue(weights.entries().containsKey("layers.0.ln1.bias"));
        assertTrue(weights.entries().containsKey("depth.in.weight"));
        assertTrue(weights.entries().containsKey("depth.heads"));
        assertEquals("depth.pos", TorchNames.torch("depth.pos"));
        String config = Files.readString(dir.resolve(TorchExport.CONFIG));
        assertTrue(config.contains("\"family\" : \"depth\"") && config.contains("\"rvqlm_config\""), config);
    }

    @Test
    void aForeignConfigAnEditedShapeOrTensorsOfAnotherShapeAreRefusedNamingTheFile() throws Exception {
        try (LmModel model = LmModel.create(Tiny.config(), 4)) {
            TorchExport.write(model, dir);
        }
        ObjectMapper json = new ObjectMapper();
        Path file = dir.resolve(TorchExport.CONFIG);
        ObjectNode good = (ObjectNode) json.readTree(file.toFile());

        json.writeValue(file.toFile(), good.deepCopy().put("format", "something-else"));
        assertMessage("not an rvqlm export");
        json.writeValue(file.toFile(), good.deepCopy().put("dim", 32));
        assertMessage("dim is 32 but rvqlm_config says 16");
        ObjectNode wider = good.deepCopy().put("dim", 32);
        ((ObjectNode) wider.get("rvqlm_config")).put("dim", 32);
        json.writeValue(file.toFile(), wider);
        var e = assertThrows(IllegalArgumentException.class, () -> TorchExport.read(dir));
        assertTrue(
                e.getMessage().contains(TorchExport.WEIGHTS) && e.getMessage().contains("tensor emb"), e.getMessage());
    }

    private void assertMessage(String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> TorchExport.read(dir));
        assertTrue(e.getMessage().contains(TorchExport.CONFIG) && e.getMessage().contains(expected), e.getMessage());
    }
}
