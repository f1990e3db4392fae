package dev.rvqlm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codec files written before kind fine existed (commit 501e217, by {@code legacy/MakeLegacy.java.txt}) still load
 * and decode to the audio they decoded to then. The stored audio came from that commit's code on the machine that
 * wrote it; PyTorch's CPU kernels may round the networks' last bits differently elsewhere, hence the tolerance.
 */
class LegacyCodecFileTest {

    @TempDir
    Path dir;

    static int[][] codes() {
        int[][] codes = new int[2][40];
        for (int t = 0; t < 40; t++) {
            codes[0][t] = (t * 7) % 16;
            codes[1][t] = (t * 3 + 1) % 16;
        }
        return codes;
    }

    @Test
    void learnedFileOfTheLastFormatDecodesAsItDid() throws IOException {
        check("learned", "rvq-b901b9ca3e98d759");
    }

    @Test
    void classicalFileOfTheLastFormatDecodesAsItDid() throws IOException {
        check("classical", "rvq-8f355f98ba034e49");
    }

    private void check(String kind, String identity) throws IOException {
        Path file = copy(kind + "-v2.rvq");
        try (Codec codec = Codec.load(file)) {
            assertEquals(kind, codec.kind());
            assertEquals(identity, codec.identity(), "the identity is the hash of the unchanged bytes");
            assertTrue(CodecDescription.text(codec).contains("(" + kind + ")"), CodecDescription.text(codec));
            for (int k = 1; k <= 2; k++) {
                float[] expected = floats(copy(kind + "-v2.k" + k + ".f32"));
                float[] decoded = codec.decode(codes(), k);
                assertEquals(expected.length, decoded.length);
                double peak = 0;
                for (float v : expected) {
                    peak = Math.max(peak, Math.abs(v));
                }
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], decoded[i], 1e-5 * peak, kind + " k=" + k + " sample " + i);
                }
            }
        }
    }

    private Path copy(String name) throws IOException {
        Path out = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("legacy/" + name)) {
            Files.copy(in, out);
        }
        return out;
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
