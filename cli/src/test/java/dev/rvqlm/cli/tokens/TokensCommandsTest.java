package dev.rvqlm.cli.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.cli.CliRun;
import dev.rvqlm.tokens.NpyFile;
import dev.rvqlm.tokens.TokenDirectory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensCommandsTest {

    @TempDir
    Path dir;

    @Test
    void synthWritesATokenDirectoryAndPrintsItsEntropies() throws Exception {
        Path out = dir.resolve("synth");
        CliRun run = CliRun.of(
                "tokens",
                "synth",
                "--out",
                out.toString(),
                "--codebooks",
                "2",
                "--codebook-size",
                "8",
                "--files",
                "3",
                "--frames",
                "40",
                "--seed",
                "1");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("codebook       exact bits    parallel bound\nk=0"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("mean ")), run.out());
        TokenDirectory tokens = TokenDirectory.read(out);
        assertEquals(3, tokens.corpus().items().size());
        assertTrue(Files.isRegularFile(out.resolve("synth.json")));
    }

    @Test
    void importTurnsNpyFilesIntoATokenDirectory() throws Exception {
        int[][] codes = {{1, 2, 3, 4}, {5, 6, 7, 0}};
        NpyFile.write(dir.resolve("in/a.npy"), codes, NpyFile.Dtype.INT32);
        Path out = dir.resolve("tokens");
        CliRun run = CliRun.of(
                "tokens",
                "import",
                "--frame-rate",
                "75",
                "--codebook-size",
                "8",
                "--source",
                "encodec_24khz",
                dir.resolve("in").toString(),
                "--out",
                out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("1 files, K=2, N=8, 4 frames"), run.out());
        TokenDirectory tokens = TokenDirectory.read(out);
        assertArrayEquals(codes, tokens.corpus().items().get(0).codes());
        assertEquals("encodec_24khz", tokens.manifest().codec());
    }

    @Test
    void aPaddedBatchBecomesOneFilePerItemCutAtItsPadding() throws Exception {
        // [B=2, K=2, T=4] int32, C order, as torch's codes.numpy() would be saved; item 1 padded with -1 after 2 frames
        int[] values = {1, 2, 3, 4, 5, 6, 7, 0, 2, 3, -1, -1, 4, 5, -1, -1};
        Path batch = dir.resolve("batch.npy");
        Files.write(batch, npy("<i4", "(2, 2, 4)", values));
        Path out = dir.resolve("tokens");
        CliRun run = CliRun.of(
                "tokens",
                "import",
                "--frame-rate",
                "75",
                "--codebook-size",
                "8",
                "--pad",
                "-1",
                batch.toString(),
                "--out",
                out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("2 files, K=2, N=8, 6 frames"), run.out());
        TokenDirectory tokens = TokenDirectory.read(out);
        assertArrayEquals(
                new int[][] {{1, 2, 3, 4}, {5, 6, 7, 0}},
                tokens.corpus().items().get(0).codes());
        assertArrayEquals(
                new int[][] {{2, 3}, {4, 5}}, tokens.corpus().items().get(1).codes());
        assertEquals("batch_1.npy", tokens.manifest().files().get(1).name());

        CliRun both = CliRun.of(
                "tokens",
                "import",
                "--frame-rate",
                "75",
                "--codebook-size",
                "8",
                "--pad",
                "-1",
                "--lengths",
                "l.txt",
                batch.toString(),
                "--out",
                dir.resolve("x").toString());
        assertEquals(2, both.status());
        assertEquals("rvq: --lengths and --pad both say where items end: give one\n", both.err());
        CliRun layout = CliRun.of(
                "tokens",
                "import",
                "--frame-rate",
                "75",
                "--codebook-size",
                "8",
                "--layout",
                "KTB",
                batch.toString(),
                "--out",
                dir.resolve("x").toString());
        assertEquals(2, layout.status());
        assertTrue(layout.err().contains("--layout") && layout.err().contains("KTB"), layout.err());
    }

    /** A version-1 .npy of int32 values with the given dtype text and shape text. */
    static byte[] npy(String descr, String shape, int[] values) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        header = header + " ".repeat(64 - (10 + header.length() + 1) % 64) + "\n";
        byte[] start = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0};
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putInt(v);
        }
        return concat(start, header.getBytes(StandardCharsets.ISO_8859_1), data.array());
    }

    @Test
    void badInputGivesOneLineAndStatusTwo() throws Exception {
        Path pickled = dir.resolve("objects.npy");
        String header = "{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }";
        header = header + " ".repeat(64 - (10 + header.length() + 1) % 64) + "\n";
        byte[] start = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0};
        Files.write(pickled, concat(start, header.getBytes(StandardCharsets.ISO_8859_1), new byte[] {(byte) 0x80, 4}));
        CliRun run = CliRun.of(
                "tokens",
                "import",
                "--frame-rate",
                "75",
                "--codebook-size",
                "8",
                pickled.toString(),
                "--out",
                dir.resolve("never").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("rvq: " + pickled + ": dtype '|O' holds pickled Python objects"), run.err());
        assertEquals(1, run.err().lines().count());
        assertFalse(Files.exists(dir.resolve("never")));

        CliRun noRate = CliRun.of("tokens", "import", "--codebook-size", "8", pickled.toString(), "--out", "x");
        assertEquals(2, noRate.status());
        assertEquals("rvq: missing required option --frame-rate\n", noRate.err());
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
