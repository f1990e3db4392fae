package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.TensorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    @Test
    void saveThenLoadGivesIdenticalLogitsAndIdentity() throws IOException {
        Path file = dir.resolve("m.rvqlm");
        int[][][] seq = Tiny.sequence(2, 9, 4);
        float[] before;
        try (LmModel model = LmModel.create(Tiny.config(), 12)) {
            model.setPatternSpec(PatternSpec.parse("partial-flatten:flattening=0,1,1"));
            model.setTokenizerId("codec:abc123");
            before = model.logits(seq);
            model.save(file);
        }
        try (LmModel back = LmModel.load(file)) {
            assertEquals(Tiny.config(), back.config());
            assertEquals("partial-flatten:flattening=0,1,1", back.patternSpec().toString());
            assertEquals("codec:abc123", back.tokenizerId());
            assertArrayEquals(before, back.logits(seq), 0f);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void corruptTruncatedOrForeignFilesAreRejected() throws IOException {
        Path file = dir.resolve("m.rvqlm");
        try (LmModel model = LmModel.create(Tiny.config(), 13)) {
            model.save(file);
        }
        byte[] good = Files.readAllBytes(file);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x40;
        Files.write(dir.resolve("flipped"), flipped);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LmModel.load(dir.resolve("flipped")));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        Files.write(dir.resolve("short"), Arrays.copyOf(good, good.length - 100));
        assertThrows(IllegalArgumentException.class, () -> LmModel.load(dir.resolve("short")));
        Files.writeString(dir.resolve("text"), "hello, not a checkpoint at all");
        IllegalArgumentException magic =
                assertThrows(IllegalArgumentException.class, () -> LmModel.load(dir.resolve("text")));
        assertTrue(magic.getMessage().contains("not an rvqlm"), magic.getMessage());
        assertTrue(
                magic.getMessage().contains(dir.resolve("text").toAbsolutePath().toString()),
                "the message names the full path: " + magic.getMessage());
    }

    @Test
    void aHeaderWithoutAFieldIsReportedAsMalformedNamingTheFile() throws IOException {
        // a well-formed file (right magic, version and checksum) whose JSON header lacks the model's layers
        String header = "{\"model\":{\"model\":{\"codebooks\":3,\"codebookSize\":8,\"dim\":16,\"heads\":2,"
                + "\"ffnMultiplier\":4,\"dropout\":0.0,\"maxSequenceSteps\":64},\"pattern\":\"\","
                + "\"tokenizer\":\"\",\"trainedSteps\":0,\"rvqlm\":\"0.1.0\"},\"resume\":null}";
        byte[] bytes = TensorFile.serialize(
                Checkpoint.MAGIC, Checkpoint.FORMAT_VERSION, TensorFile.JSON.readTree(header), Map.of(), Map.of());
        Path file = dir.resolve("noLayers.rvqlm");
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LmModel.load(file));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("malformed header") && e.getMessage().contains("layers"), e.getMessage());
    }

    /** A format-1 checkpoint written by this version and kept: later versions must still read it. */
    @Test
    void theFormatOneFixtureStillLoadsAndGivesItsRecordedLogits() throws Exception {
        Path fixture =
                Path.of(getClass().getResource("/checkpoint-v1-tiny.rvqlm").toURI());
        float[] recorded;
        try (var lines = Files.lines(
                Path.of(getClass().getResource("/checkpoint-v1-tiny.logits.txt").toURI()))) {
            double[] values = lines.mapToDouble(Double::parseDouble).toArray();
            recorded = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                recorded[i] = (float) values[i];
            }
        }
        try (LmModel model = LmModel.load(fixture)) {
            assertEquals(new LmConfig(2, 4, 4, 1, 1, 2, 0.0, 8), model.config());
            assertEquals("delay", model.patternSpec().toString());
            assertEquals("fixture-codec", model.tokenizerId());
            int[][][] seq = {{{4, 0, 1, 2, 3}, {4, 4, 3, 2, 1}}};
            assertArrayEquals(recorded, model.logits(seq), 1e-6f);
        }
    }

    @Test
    void aModelOnlyFileCannotBeResumed() throws IOException {
        Path file = dir.resolve("m.rvqlm");
        try (LmModel model = LmModel.create(Tiny.config(), 14)) {
            model.save(file);
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> LmTrainer.resume(file, Tiny.corpus(2, 10, 1), TrainListener.NONE));
    }
}
