package dev.rvqlm.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyFileTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(NpyFileTest.class.getResource("/" + name).toURI());
    }

    /** What make-test-files.sh stored: (arange(15).reshape(3, 5) * 37) % 1024. */
    static final int[][] EXPECTED = {{0, 37, 74, 111, 148}, {185, 222, 259, 296, 333}, {370, 407, 444, 481, 518}};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"int16_c.npy", "int32_c.npy", "int32_fortran.npy", "int16_bigendian.npy", "int32_v2.npy"})
    void readsWhatNumpyWrote(String name) throws Exception {
        assertArrayEquals(EXPECTED, NpyFile.read(resource("npy/" + name)));
    }

    @Test
    void readsAnEmptyArray() throws Exception {
        int[][] empty = NpyFile.read(resource("npy/empty_k2.npy"));
        assertEquals(2, empty.length);
        assertEquals(0, empty[0].length);
    }

    @Test
    void writesTheBytesNumpyWrites() throws Exception {
        for (NpyFile.Dtype dtype : NpyFile.Dtype.values()) {
            String name = dtype == NpyFile.Dtype.INT16 ? "int16_c.npy" : "int32_c.npy";
            assertArrayEquals(Files.readAllBytes(resource("npy/" + name)), NpyFile.encode(EXPECTED, dtype), name);
        }
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        int[][] codes = new int[4][1000];
        for (int k = 0; k < 4; k++) {
            for (int t = 0; t < 1000; t++) {
                codes[k][t] = (k * 7919 + t * 104729) % 65536;
            }
        }
        Path p = dir.resolve("codes.npy");
        NpyFile.write(p, codes, NpyFile.Dtype.INT32);
        assertArrayEquals(codes, NpyFile.read(p));
        int[][] small = Arrays.stream(codes)
                .map(r -> Arrays.stream(r).map(v -> v % 1024).toArray())
                .toArray(int[][]::new);
        TokenFiles.write(p, small, 1024);
        assertEquals(128 + 4 * 1000 * 2, Files.size(p), "int16 for N <= 32768");
        assertArrayEquals(small, TokenFiles.read(p, 4, 1024));
        assertEquals(0, Files.size(p) % 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"float32.npy", "int64.npy"})
    void wrongDtypeIsNamed(String name) throws Exception {
        Path p = resource("npy/" + name);
        var e = assertThrows(TokenFileException.class, () -> NpyFile.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("wrong dtype"), e.getMessage());
    }

    @Test
    void threeDimensionsAreRejected() throws Exception {
        var e = assertThrows(TokenFileException.class, () -> NpyFile.read(resource("npy/int16_3d.npy")));
        assertTrue(e.getMessage().contains("2-D [K, T]"), e.getMessage());
    }

    @Test
    void truncatedAndForeignFilesAreRejected() throws Exception {
        byte[] good = Files.readAllBytes(resource("npy/int32_c.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(good, good.length - 3));
        assertTrue(assertThrows(TokenFileException.class, () -> NpyFile.read(cut))
                .getMessage()
                .contains("truncated"));
        Path header = dir.resolve("header.npy");
        Files.write(header, Arrays.copyOf(good, 40));
        assertTrue(assertThrows(TokenFileException.class, () -> NpyFile.read(header))
                .getMessage()
                .contains("truncated"));
        Path wav = dir.resolve("x.npy");
        Files.writeString(wav, "RIFF....WAVEfmt ");
        assertTrue(assertThrows(TokenFileException.class, () -> NpyFile.read(wav))
                .getMessage()
                .contains("not a NumPy"));
    }

    @Test
    void tokenChecksNameTheProblem() {
        Path p = Path.of("t.npy");
        int[][] codes = {{1, 2, 3}, {4, 5, 1024}};
        assertTrue(assertThrows(TokenFileException.class, () -> TokenFiles.check(codes, 2, 1024, p))
                .getMessage()
                .contains("code 1024 at codebook 1, frame 2 is out of range [0, 1024)"));
        assertTrue(assertThrows(TokenFileException.class, () -> TokenFiles.check(codes, 1, 2048, p))
                .getMessage()
                .contains("has K=2 codebooks but the codec has K=1"));
        int[][] negative = {{-1}};
        assertThrows(TokenFileException.class, () -> TokenFiles.check(negative, 1, 8, p));
        TokenFiles.check(new int[][] {{0, 7}}, 2, 8, p); // fewer codebooks than the codec: a valid prefix
    }

    @Test
    void unknownHeaderKeysAreRefusedAsNumpyDoes() throws Exception {
        byte[] good = Files.readAllBytes(resource("npy/int32_c.npy"));
        String text = new String(good, StandardCharsets.ISO_8859_1);
        Path odd = dir.resolve("odd.npy");
        Files.write(
                odd,
                text.replace("'shape'", "'shapf'")
                        .replace("'fortran_order'", "'shape': (3, 5), 'x'")
                        .getBytes(StandardCharsets.ISO_8859_1));
        var e = assertThrows(TokenFileException.class, () -> NpyFile.read(odd));
        assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
    }

    @Test
    void devicesDirectoriesAndHugeFilesAreOneSentenceNotAnOutOfMemoryError() throws Exception {
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertTrue(assertThrows(TokenFileException.class, () -> NpyFile.read(zero))
                    .getMessage()
                    .endsWith("/dev/zero: is not a regular file (a device, pipe or socket cannot be read here)"));
        }
        assertTrue(assertThrows(TokenFileException.class, () -> NpyFile.read(dir))
                .getMessage()
                .endsWith(": is a directory, not a file"));
        Path huge = dir.resolve("huge.npy");
        try (var f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3_000_000_000L); // sparse: no disk is used
        }
        assertTrue(assertThrows(TokenFileException.class, () -> NpyFile.read(huge))
                .getMessage()
                .endsWith("huge.npy: 3.0 GB is more than this command can hold (a Java array holds at most 2.0 GB)"));
    }
}
