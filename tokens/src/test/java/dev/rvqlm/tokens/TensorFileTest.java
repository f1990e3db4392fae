package dev.rvqlm.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFileTest {

    static final byte[] MAGIC = "TESTTENS".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    record Header(String name, int steps) {}

    static Path write(Path file) throws IOException {
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.put("b", new float[] {1.5f, -2f, 3f, 4f, 5f, 6f});
        shapes.put("b", new long[] {2, 3});
        tensors.put("a", new float[] {Float.MIN_VALUE, Float.NaN});
        shapes.put("a", new long[] {2});
        Files.write(file, TensorFile.serialize(MAGIC, 7, new Header("x", 3), tensors, shapes));
        return file;
    }

    @Test
    void tensorsHeaderAndVersionComeBackInFileOrder() throws IOException {
        TensorFile.Contents c = TensorFile.read(write(dir.resolve("t.bin")), MAGIC, "a test file");
        assertEquals(7, c.version());
        assertEquals("x", c.header().path("name").asText());
        assertEquals(3, c.header().path("steps").asInt());
        assertFalse(c.header().has("tensors"), "the directory is not part of the caller's header");
        assertEquals(List.of("b", "a"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new long[] {2, 3}, c.shapes().get("b"));
        assertArrayEquals(new float[] {1.5f, -2f, 3f, 4f, 5f, 6f}, c.tensors().get("b"));
        assertEquals(
                Float.floatToRawIntBits(Float.NaN),
                Float.floatToRawIntBits(c.tensors().get("a")[1]));
    }

    @Test
    void aJsonHeaderGivenAsATreeIsNotChanged() {
        ObjectNode header = TensorFile.JSON.createObjectNode().put("k", 1);
        TensorFile.serialize(MAGIC, 1, header, Map.of("t", new float[1]), Map.of("t", new long[] {1}));
        assertEquals("{\"k\":1}", header.toString());
    }

    @Test
    void damagedFilesAreNamedWithTheirProblem() throws IOException {
        byte[] good = Files.readAllBytes(write(dir.resolve("t.bin")));
        assertProblem(Arrays.copyOf(good, good.length - 5), "truncated");
        assertProblem(Arrays.copyOf(good, good.length + 2), "2 unexpected bytes at the end");
        assertProblem(Arrays.copyOf(good, 10), "truncated");
        byte[] flipped = good.clone();
        flipped[good.length - 12] ^= 0x01;
        assertProblem(flipped, "checksum mismatch");
        assertProblem("not a tensor file".getBytes(StandardCharsets.US_ASCII), "not a test file (no TESTTENS magic)");
    }

    private void assertProblem(byte[] bytes, String expected) throws IOException {
        Path file = Files.write(dir.resolve("bad.bin"), bytes);
        TensorFileException e =
                assertThrows(TensorFileException.class, () -> TensorFile.read(file, MAGIC, "a test file"));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
