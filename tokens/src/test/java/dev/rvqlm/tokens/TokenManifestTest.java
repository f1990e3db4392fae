package dev.rvqlm.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manifest is data from anywhere: every field is checked, and every message names the file, not a Java type. */
class TokenManifestTest {

    @TempDir
    Path dir;

    private TokenFileException refused(String json) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), json);
        return assertThrows(TokenFileException.class, () -> TokenManifest.read(dir));
    }

    private static String manifest(String codebooks, String files) {
        return "{\"formatVersion\": 1, \"codec\": \"c\", \"sampleRate\": 16000, \"frameRate\": 50.0, \"codebooks\": "
                + codebooks + ", \"codebookSize\": 8, \"files\": " + files + "}";
    }

    @Test
    void wrongTypesAreSentencesWithTheFieldNotJavaTypes() throws Exception {
        var e = refused(manifest("\"eight\"", "[]"));
        assertTrue(
                e.getMessage()
                        .endsWith("manifest.json: not a valid token manifest: 'codebooks' must be a whole " + "number"),
                e.getMessage());
        e = refused(manifest("2", "[{\"name\": \"a.npy\", \"frames\": [1]}]"));
        assertTrue(e.getMessage().endsWith("'files[0].frames' must be a whole number"), e.getMessage());
        e = refused("[1, 2]");
        assertTrue(e.getMessage().endsWith("the manifest must be a JSON object"), e.getMessage());
        e = refused("{ not json");
        assertTrue(e.getMessage().contains("not valid JSON at line 1"), e.getMessage());
        assertTrue(!e.getMessage().contains("dev.rvqlm"), e.getMessage());
    }

    @Test
    void fieldsOutOfRangeAreRefused() throws Exception {
        assertTrue(refused(manifest("0", "[]")).getMessage().contains("'codebooks' (K) must be at least 1, got 0"));
        assertTrue(refused(manifest("2", "[]").replace("50.0", "0"))
                .getMessage()
                .contains("'frameRate' must be a positive number, got 0.0"));
        assertTrue(
                refused(manifest("2", "[{\"name\": \"a.npy\", \"frames\": 3}, {\"name\": \"a.npy\", \"frames\": 3}]"))
                        .getMessage()
                        .contains("file entry 'a.npy' is listed twice"));
    }

    @Test
    void entryNamesMustStayInsideTheDirectory() throws Exception {
        for (String name : List.of("../x.npy", "/etc/passwd", "a/../../x.npy", "./a.npy", "a//b.npy", "")) {
            var e = refused(manifest("2", "[{\"name\": \"" + name + "\", \"frames\": 3}]"));
            assertTrue(
                    e.getMessage().contains("file entry '" + name + "'")
                            || e.getMessage().contains("has no name"),
                    e.getMessage());
        }
        Files.writeString(dir.resolve("manifest.json"), manifest("2", "[{\"name\": \"sub/a.npy\", \"frames\": 3}]"));
        TokenManifest m = TokenManifest.read(dir);
        assertEquals(dir.resolve("sub/a.npy"), m.resolve(dir, m.files().get(0)));
    }

    @Test
    void aManifestOverFilesWithFewerCodebooksIsRefused() throws Exception {
        TokenFiles.write(dir.resolve("a.npy"), new int[4][10], 8);
        Files.writeString(dir.resolve("manifest.json"), manifest("8", "[{\"name\": \"a.npy\", \"frames\": 10}]"));
        var e = assertThrows(TokenFileException.class, () -> TokenDirectory.read(dir));
        assertTrue(e.getMessage().endsWith("a.npy: has K=4 codebooks but the manifest says 8"), e.getMessage());
    }

    @Test
    void theContentDigestSeesTheCodesNotJustNamesAndLengths() {
        int[][] a = {{1, 2, 3}, {4, 5, 6}};
        int[][] b = {{1, 2, 3}, {4, 5, 7}};
        String da = TokenDigest.sha256(new TokenCorpus(List.of(new TokenCorpus.Item("f.npy", a)), 8, 50, "c"));
        String db = TokenDigest.sha256(new TokenCorpus(List.of(new TokenCorpus.Item("f.npy", b)), 8, 50, "c"));
        assertNotEquals(da, db);
        assertEquals(
                da,
                TokenDigest.sha256(new TokenCorpus(
                        List.of(new TokenCorpus.Item("f.npy", new int[][] {{1, 2, 3}, {4, 5, 6}})), 8, 50, "c")));
        assertEquals(64, da.length());
    }
}
