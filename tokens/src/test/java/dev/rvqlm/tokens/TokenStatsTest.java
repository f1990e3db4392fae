package dev.rvqlm.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStatsTest {

    @TempDir
    Path dir;

    @Test
    void bareNpyFilesFromElsewhere() throws IOException {
        // stream 0 cycles through 4 codes, stream 1 copies it: 2 bits each, stream 1 fully told by stream 0
        int[][] codes = new int[2][64];
        for (int t = 0; t < 64; t++) {
            codes[0][t] = t % 4;
            codes[1][t] = t % 4;
        }
        Files.createDirectories(dir.resolve("sub"));
        NpyFile.write(dir.resolve("a.npy"), codes, NpyFile.Dtype.forCodebookSize(16));
        NpyFile.write(dir.resolve("sub/b.npy"), codes, NpyFile.Dtype.forCodebookSize(16));
        TokenStats s = TokenStats.of(dir, 16);
        assertEquals(2, s.files());
        assertEquals(128, s.frames());
        assertEquals(16, s.codebookSize());
        assertEquals(2.0, s.streams().get(1).entropy(), 1e-9);
        assertEquals(0.0, s.streams().get(1).givenPrevious(), 1e-9);
        // 128 frames for the 16 pairs of the shuffled baseline leave it a few hundredths below H
        assertEquals(2.0, s.streams().get(1).dependenceOnPrevious(), 0.1);
        assertEquals(4, TokenStats.of(dir, 0).codebookSize(), "N from the largest code");
        assertTrue(s.text().contains("bare .npy files"), s.text());
        assertTrue(s.json().contains("\"dependenceOnPrevious\"") || s.json().contains("\"givenPrevious\""), s.json());
        assertTrue(assertThrows(TokenFileException.class, () -> TokenStats.of(dir, 3))
                .getMessage()
                .contains("holds code 3, outside [0, 3)"));
    }

    @Test
    void aDirectoryWithoutTokensIsNamed() {
        TokenFileException e = assertThrows(TokenFileException.class, () -> TokenStats.of(dir, 0));
        assertTrue(
                e.getMessage().startsWith(dir.toString()) && e.getMessage().contains("neither manifest.json"),
                e.getMessage());
    }
}
