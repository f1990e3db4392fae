package dev.rvqlm.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void float32TensorsAndMetadataRoundTripWithAnAlignedHeader() throws Exception {
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.put("w", new float[] {1f, -2.5f, 3f, 4f, 5f, 6f});
        shapes.put("w", new long[] {2, 3});
        tensors.put("b", new float[] {0.125f});
        shapes.put("b", new long[] {1});
        byte[] bytes = Safetensors.serialize(tensors, shapes, Map.of("format", "pt"));
        long headerLength =
                ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "the data starts 8-byte aligned");
        Safetensors back = Safetensors.read(Files.write(dir.resolve("t.safetensors"), bytes));
        assertEquals(Map.of("format", "pt"), back.metadata());
        assertEquals(List.of("w", "b"), List.copyOf(back.entries().keySet()));
        assertArrayEquals(tensors.get("w"), back.floats("w"));
        assertArrayEquals(new long[] {2, 3}, back.entry("w").shape());
        assertArrayEquals(tensors.get("b"), back.floats("b"));
        var e = assertThrows(TokenFileException.class, () -> back.integers("w"));
        assertTrue(e.getMessage().contains("t.safetensors:w") && e.getMessage().contains("F32"), e.getMessage());
    }

    @Test
    void theReferenceLayoutFixtureReadsWithItsMetadata() throws Exception {
        Safetensors file = Safetensors.read(
                Path.of(getClass().getResource("/imports/batch.safetensors").toURI()));
        assertEquals(Map.of("format", "pt"), file.metadata());
        assertEquals("I64", file.entry("codes").dtype());
        assertArrayEquals(new long[] {3, 2, 6}, file.integers("codes").shape());
        assertArrayEquals(new float[] {1f, 1f, 1f}, file.floats("scales"));
    }
}
