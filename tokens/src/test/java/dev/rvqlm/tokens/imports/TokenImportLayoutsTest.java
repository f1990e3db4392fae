package dev.rvqlm.tokens.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokens.TokenDirectory;
import dev.rvqlm.tokens.TokenManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports of batches, other layouts, {@code .npz} archives and safetensors files that numpy (and the reference
 * safetensors layout) wrote: tokens/src/test/resources/make-test-files.sh.
 */
class TokenImportLayoutsTest {

    @TempDir
    Path dir;

    static Path resource(String name) throws Exception {
        return Path.of(
                TokenImportLayoutsTest.class.getResource("/imports/" + name).toURI());
    }

    /** What make-test-files.sh stored: (arange(3·2·6).reshape(3, 2, 6) · 7) % 50, as [B][K][T]. */
    static int[][] item(int b) {
        int[][] codes = new int[2][6];
        for (int k = 0; k < 2; k++) {
            for (int t = 0; t < 6; t++) {
                codes[k][t] = ((b * 12 + k * 6 + t) * 7) % 50;
            }
        }
        return codes;
    }

    static int[][] cut(int[][] codes, int frames) {
        return Arrays.stream(codes).map(r -> Arrays.copyOf(r, frames)).toArray(int[][]::new);
    }

    Map<String, int[][]> run(ImportLayout layout, String... inputs) throws Exception {
        Path out = dir.resolve("out");
        List<Path> paths = Arrays.stream(inputs)
                .map(name -> {
                    try {
                        return resource(name);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        TokenImport.run(new ImportConfig(50.0, 24000, 50, 0, "test"), layout, paths, out, line -> {});
        TokenDirectory tokens = TokenDirectory.read(out);
        Map<String, int[][]> files = new LinkedHashMap<>();
        List<TokenManifest.Entry> entries = tokens.manifest().files();
        for (int i = 0; i < entries.size(); i++) {
            files.put(entries.get(i).name(), tokens.corpus().items().get(i).codes());
        }
        return files;
    }

    static void assertItems(Map<String, int[][]> files, List<String> names, List<int[][]> codes) {
        assertEquals(names, List.copyOf(files.keySet()));
        for (int i = 0; i < names.size(); i++) {
            assertArrayEquals(codes.get(i), files.get(names.get(i)), names.get(i));
        }
    }

    @Test
    void aThreeDimensionalArrayIsABatchOfKByTItemsOneFileEach() throws Exception {
        assertItems(
                run(ImportLayout.DEFAULT, "batch_bkt.npy"),
                List.of("batch_bkt_0.npy", "batch_bkt_1.npy", "batch_bkt_2.npy"),
                List.<int[][]>of(item(0), item(1), item(2)));
    }

    @Test
    void framesFirstLayoutsAreTransposed() throws Exception {
        assertItems(
                run(new ImportLayout(TokenLayout.BTK, null, null), "batch_btk.npy"),
                List.of("batch_btk_0.npy", "batch_btk_1.npy", "batch_btk_2.npy"),
                List.<int[][]>of(item(0), item(1), item(2)));
        assertItems(
                run(new ImportLayout(TokenLayout.TK, null, null), "clip_tk.npy"),
                List.of("clip_tk.npy"),
                List.<int[][]>of(item(0)));
    }

    @Test
    void aLayoutOfTheWrongRankIsRefusedNamingTheFile() {
        String message = assertThrows(
                        IllegalArgumentException.class,
                        () -> run(new ImportLayout(TokenLayout.TK, null, null), "batch_bkt.npy"))
                .getMessage();
        assertTrue(
                message.contains("batch_bkt.npy") && message.contains("(3, 2, 6)") && message.contains("TK"), message);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void lengthsFromNpyOrTextCutEachItem() throws Exception {
        for (String lengths : List.of("lengths.npy", "lengths.txt")) {
            Map<String, int[][]> files = run(
                    new ImportLayout(null, null, new ImportLayout.Trim.Lengths(resource(lengths))), "batch_bkt.npy");
            assertItems(
                    files,
                    List.of("batch_bkt_0.npy", "batch_bkt_1.npy", "batch_bkt_2.npy"),
                    List.<int[][]>of(item(0), cut(item(1), 4), cut(item(2), 5)));
        }
    }

    @Test
    void aWrongNumberOfLengthsOrALengthOutOfRangeIsRefused() throws Exception {
        Path two = Files.writeString(dir.resolve("two.txt"), "3 4");
        String count = assertThrows(
                        IllegalArgumentException.class,
                        () -> run(new ImportLayout(null, null, new ImportLayout.Trim.Lengths(two)), "batch_bkt.npy"))
                .getMessage();
        assertTrue(count.contains("2 lengths for 3 imported items"), count);
        Path long_ = Files.writeString(dir.resolve("long.txt"), "6 7 6");
        String range = assertThrows(
                        IllegalArgumentException.class,
                        () -> run(new ImportLayout(null, null, new ImportLayout.Trim.Lengths(long_)), "batch_bkt.npy"))
                .getMessage();
        assertTrue(range.contains("batch_bkt.npy[1]") && range.contains("length 7") && range.contains("[1, 6]"), range);
    }

    @Test
    void trailingPaddingFramesAreCutAndAPadCodeInsideAFrameIsAnError() throws Exception {
        assertItems(
                run(new ImportLayout(null, null, new ImportLayout.Trim.Padding(-1)), "padded_bkt.npy"),
                List.of("padded_bkt_0.npy", "padded_bkt_1.npy", "padded_bkt_2.npy"),
                List.<int[][]>of(item(0), cut(item(1), 4), cut(item(2), 5)));
        String inside = assertThrows(
                        IllegalArgumentException.class,
                        () -> run(new ImportLayout(null, null, new ImportLayout.Trim.Padding(-1)), "stray_pad_bkt.npy"))
                .getMessage();
        assertTrue(
                inside.contains("stray_pad_bkt.npy[2]") && inside.contains("code -1 at codebook 0, frame 3"), inside);
        assertEquals(4, TokenImport.unpadded(new int[][] {{1, 2, 3, 4, 9, 9}, {1, 2, 3, 4, 9, 9}}, 9));
        assertEquals(5, TokenImport.unpadded(new int[][] {{1, 2, 3, 4, 5, 9}, {1, 2, 3, 4, 9, 9}}, 9));
        assertEquals(0, TokenImport.unpadded(new int[][] {{9, 9}, {9, 9}}, 9));
    }

    @Test
    void anNpzArchiveGivesOneFileperArrayOrTheNamedOne() throws Exception {
        assertItems(
                run(ImportLayout.DEFAULT, "arrays.npz"),
                List.of("arrays/first.npy", "arrays/second.npy"),
                List.<int[][]>of(item(0), item(1)));
        assertItems(
                run(new ImportLayout(null, "codes", null), "batch.npz"),
                List.of("batch_0.npy", "batch_1.npy", "batch_2.npy"),
                List.<int[][]>of(item(0), item(1), item(2)));
    }

    @Test
    void safetensorsGiveOneFilePerTensorOrTheNamedOne() throws Exception {
        assertItems(
                run(new ImportLayout(null, "codes", null), "batch.safetensors"),
                List.of("batch_0.npy", "batch_1.npy", "batch_2.npy"),
                List.<int[][]>of(item(0), item(1), item(2)));
        assertItems(
                run(ImportLayout.DEFAULT, "two.safetensors"),
                List.of("two/left.npy", "two/right.npy"),
                List.<int[][]>of(item(0), item(2)));
    }

    @Test
    void floatTensorsAndMissingNamesAreRefusedByName() {
        String floats = assertThrows(
                        IllegalArgumentException.class, () -> run(ImportLayout.DEFAULT, "batch.safetensors"))
                .getMessage();
        assertTrue(
                floats.contains("batch.safetensors:scales") && floats.contains("F32") && floats.contains("--tensor"),
                floats);
        String npzFloats = assertThrows(IllegalArgumentException.class, () -> run(ImportLayout.DEFAULT, "batch.npz"))
                .getMessage();
        assertTrue(npzFloats.contains("batch.npz:scales") && npzFloats.contains("dtype"), npzFloats);
        String missing = assertThrows(
                        IllegalArgumentException.class,
                        () -> run(new ImportLayout(null, "tokens", null), "batch.safetensors"))
                .getMessage();
        assertTrue(missing.contains("'tokens'") && missing.contains("codes, scales"), missing);
    }

    @Test
    void damagedSafetensorsAreRefusedWithOneLine() throws Exception {
        byte[] good = Files.readAllBytes(resource("two.safetensors"));
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(good, good.length - 3));
        String message = assertThrows(
                        IllegalArgumentException.class,
                        () -> TokenImport.run(
                                new ImportConfig(50.0, 24000, 50, 0, "t"),
                                ImportLayout.DEFAULT,
                                List.of(cut),
                                dir.resolve("out"),
                                line -> {}))
                .getMessage();
        assertTrue(message.contains("cut.safetensors") && message.contains("corrupt"), message);
        Path text = Files.writeString(dir.resolve("text.safetensors"), "hello, world, not tensors");
        String notOne = assertThrows(
                        IllegalArgumentException.class,
                        () -> TokenImport.run(
                                new ImportConfig(50.0, 24000, 50, 0, "t"),
                                ImportLayout.DEFAULT,
                                List.of(text),
                                dir.resolve("out"),
                                line -> {}))
                .getMessage();
        assertTrue(notOne.contains("not a safetensors file"), notOne);
    }
}
