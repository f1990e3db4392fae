package dev.rvqlm.tokens.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokens.NpyFile;
import dev.rvqlm.tokens.TokenDirectory;
import dev.rvqlm.tokens.TokenFileException;
import dev.rvqlm.tokens.TokenManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imports of arrays numpy wrote (tokens/src/test/resources/make-test-files.sh). */
class NpyImportTest {

    /** What make-test-files.sh stored: (arange(15).reshape(3, 5) * 37) % 1024. */
    static final int[][] EXPECTED = {{0, 37, 74, 111, 148}, {185, 222, 259, 296, 333}, {370, 407, 444, 481, 518}};

    @TempDir
    Path dir;

    static Path resource(String name) throws Exception {
        return Path.of(NpyImportTest.class.getResource("/npy/" + name).toURI());
    }

    static ImportConfig config() {
        return new ImportConfig(75.0, 24000, 1024, 0, "encodec_24khz");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "import_le_i2.npy",
                "import_be_i2.npy",
                "import_le_u2.npy",
                "import_le_i4.npy",
                "import_be_i4.npy",
                "import_be_u4.npy",
                "import_le_i8.npy",
                "import_be_i8.npy",
                "import_le_u8.npy",
                "import_be_i8_fortran.npy",
                "int32_fortran.npy"
            })
    void importsEveryIntegerDtypeByteOrderAndLayout(String name) throws Exception {
        TokenManifest manifest =
                TokenImport.run(config(), ImportLayout.DEFAULT, List.of(resource(name)), dir, line -> {});
        assertEquals(List.of(new TokenManifest.Entry(name, 5, resource(name).toString())), manifest.files());
        TokenDirectory tokens = TokenDirectory.read(dir);
        assertArrayEquals(EXPECTED, tokens.corpus().items().get(0).codes());
        assertEquals(75.0, tokens.frameRate());
        assertEquals(3, tokens.codebooks());
        assertEquals("encodec_24khz", tokens.manifest().codec());
    }

    @ParameterizedTest
    @ValueSource(strings = {"import_u1.npy", "import_i1.npy"})
    void importsBytes(String name) throws Exception {
        TokenImport.run(
                new ImportConfig(50.0, 24000, 100, 0, "tiny"),
                ImportLayout.DEFAULT,
                List.of(resource(name)),
                dir,
                line -> {});
        int[][] expected = Arrays.stream(EXPECTED)
                .map(r -> Arrays.stream(r).map(v -> v % 100).toArray())
                .toArray(int[][]::new);
        assertArrayEquals(
                expected, TokenDirectory.read(dir).corpus().items().get(0).codes());
    }

    @Test
    void pickledObjectArraysAreRefusedAndNothingIsWritten() throws Exception {
        Path out = dir.resolve("out");
        var e = assertThrows(
                TokenFileException.class,
                () -> TokenImport.run(
                        config(),
                        ImportLayout.DEFAULT,
                        List.of(resource("import_le_i4.npy"), resource("import_object.npy")),
                        out,
                        line -> {}));
        assertTrue(
                e.getMessage().contains("import_object.npy") && e.getMessage().contains("pickle"), e.getMessage());
        assertFalse(Files.exists(out), "a refused input leaves no partial token directory");
    }

    @Test
    void otherBadInputsNameFileAndProblem() throws Exception {
        assertTrue(assertThrows(
                        TokenFileException.class,
                        () -> TokenImport.run(
                                config(),
                                ImportLayout.DEFAULT,
                                List.of(resource("import_float64.npy")),
                                dir,
                                line -> {}))
                .getMessage()
                .contains("wrong dtype '<f8'"));
        String negative = assertThrows(
                        TokenFileException.class,
                        () -> TokenImport.run(
                                config(),
                                ImportLayout.DEFAULT,
                                List.of(resource("import_negative.npy")),
                                dir,
                                line -> {}))
                .getMessage();
        assertTrue(
                negative.contains("import_negative.npy") && negative.contains("codebook 1") && negative.contains("-1"),
                negative);
        assertTrue(assertThrows(
                        TokenFileException.class,
                        () -> TokenImport.run(
                                config(),
                                ImportLayout.DEFAULT,
                                List.of(resource("import_huge_u8.npy")),
                                dir,
                                line -> {}))
                .getMessage()
                .contains("9223372036854775813"));
        assertTrue(assertThrows(
                        TokenFileException.class,
                        () -> TokenImport.run(
                                new ImportConfig(75.0, 24000, 512, 0, "x"),
                                ImportLayout.DEFAULT,
                                List.of(resource("import_le_i2.npy")),
                                dir,
                                line -> {}))
                .getMessage()
                .contains("518"));
        assertTrue(assertThrows(
                        TokenFileException.class,
                        () -> TokenImport.run(
                                new ImportConfig(75.0, 24000, 1024, 4, "x"),
                                ImportLayout.DEFAULT,
                                List.of(resource("import_le_i2.npy")),
                                dir,
                                line -> {}))
                .getMessage()
                .contains("--codebooks"));
    }

    @Test
    void directoriesKeepRelativeNamesAndAPrefixOfCodebooks() throws Exception {
        Path in = dir.resolve("in");
        int[][] a = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        int[][] b = {{9, 8}, {7, 6}, {5, 4}};
        NpyFile.write(in.resolve("speech/a.npy"), a, NpyFile.Dtype.INT32);
        NpyFile.write(in.resolve("music/b.npy"), b, NpyFile.Dtype.INT16);
        Files.writeString(in.resolve("notes.txt"), "not a token file");
        Path out = dir.resolve("out");
        TokenImport.run(
                new ImportConfig(50.0, 24000, 16, 2, "dac"), ImportLayout.DEFAULT, List.of(in), out, line -> {});
        TokenDirectory tokens = TokenDirectory.read(out);
        assertEquals(
                List.of("music/b.npy", "speech/a.npy"),
                tokens.manifest().files().stream()
                        .map(TokenManifest.Entry::name)
                        .toList());
        assertArrayEquals(
                new int[][] {{9, 8}, {7, 6}}, tokens.corpus().items().get(0).codes());
        assertArrayEquals(
                new int[][] {{1, 2, 3}, {4, 5, 6}},
                tokens.corpus().items().get(1).codes());
    }

    @Test
    void differentCodebookCountsNeedAPrefix() throws Exception {
        NpyFile.write(dir.resolve("in/a.npy"), new int[][] {{1, 2}, {3, 4}}, NpyFile.Dtype.INT16);
        NpyFile.write(dir.resolve("in/b.npy"), new int[][] {{1, 2}}, NpyFile.Dtype.INT16);
        String message = assertThrows(
                        TokenFileException.class,
                        () -> TokenImport.run(
                                new ImportConfig(50.0, 24000, 16, 0, "x"),
                                ImportLayout.DEFAULT,
                                List.of(dir.resolve("in")),
                                dir.resolve("out"),
                                line -> {}))
                .getMessage();
        assertTrue(message.contains("b.npy") && message.contains("1 codebooks"), message);
    }
}
