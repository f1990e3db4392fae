package dev.rvqlm.tokenizer.legacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rvqlm.tokenizer.Codec;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Codec files written before the tensor file moved to {@code tokens} ({@code src/test/resources/legacy}, written by
 * {@link WriteCodecFixtures} at that time) still load, give the recorded codes and audio, and save to the same bytes.
 */
class LegacyCodecFileTest {

    @TempDir
    Path dir;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(LegacyCodecFileTest.class.getResource("/legacy/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"classical", "learned"})
    void aVersionTwoCodecFileGivesItsRecordedCodesAndAudio(String kind) throws Exception {
        try (Codec codec = Codec.load(fixture("codec-v2-" + kind + ".rvqcodec"))) {
            assertEquals(kind, codec.kind());
            int[][] codes = codec.encode(WriteCodecFixtures.clip());
            List<String> lines = Files.readAllLines(fixture("codec-v2-" + kind + ".codes.txt"));
            assertEquals(lines.size(), codes.length);
            for (int k = 0; k < codes.length; k++) {
                int[] recorded = Arrays.stream(lines.get(k).split(" "))
                        .mapToInt(Integer::parseInt)
                        .toArray();
                assertArrayEquals(recorded, codes[k], "stream " + k);
            }
            double[] audio = Files.readAllLines(fixture("codec-v2-" + kind + ".decoded.txt")).stream()
                    .mapToDouble(Double::parseDouble)
                    .toArray();
            float[] decoded = codec.decode(codes);
            assertEquals(audio.length, decoded.length);
            for (int i = 0; i < audio.length; i++) {
                assertEquals(audio[i], decoded[i], 1e-5, "sample " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"classical", "learned"})
    void aVersionTwoCodecFileSavesToTheSameBytes(String kind) throws Exception {
        Path copy = dir.resolve("copy.rvqcodec");
        try (Codec codec = Codec.load(fixture("codec-v2-" + kind + ".rvqcodec"))) {
            codec.save(copy);
        }
        assertArrayEquals(Files.readAllBytes(fixture("codec-v2-" + kind + ".rvqcodec")), Files.readAllBytes(copy));
    }
}
