package dev.rvqlm.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.data.SplitLists.Role;
import dev.rvqlm.tokens.TokenCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitListsTest {

    @TempDir
    Path dir;

    /** Clips named TUNE__NN, as the music corpus names them; tokens encoded from clips/ drop the directory. */
    private static TokenCorpus clips(String... names) {
        List<TokenCorpus.Item> items = new ArrayList<>();
        for (String name : names) {
            int[][] codes = new int[2][80];
            items.add(new TokenCorpus.Item(name + ".npy", codes));
        }
        return new TokenCorpus(items, 8, 75.0, "test");
    }

    private Path list(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void theCorpusListsDecideTheSplitWhateverTheSeed() throws IOException {
        TokenCorpus corpus = clips("a__01", "a__02", "b__01", "b__02", "c__01", "d__01");
        SplitLists lists = SplitLists.read(
                list(
                        "train.txt",
                        "# by tune",
                        "clips/a__01.wav",
                        "clips/a__02.wav",
                        "clips/b__01.wav",
                        "",
                        "clips/b__02.wav"),
                list("valid.txt", "clips/c__01.wav"),
                list("test.txt", "clips/d__01.wav"));
        SplitPlan plan = SplitPlan.defaults().withLists(lists);
        for (long seed : new long[] {0, 1, 7}) {
            HeldOutSplit split = HeldOutSplit.of(corpus, plan, seed, 32, 10, 20, 4);
            assertEquals(
                    List.of("a__01.npy", "a__02.npy", "b__01.npy", "b__02.npy"),
                    split.train().items().stream().map(TokenCorpus.Item::name).toList());
            assertEquals("c__01.npy", split.validation().get(0).name());
            assertEquals(
                    List.of("d__01.npy"),
                    split.heldOut().items().stream().map(TokenCorpus.Item::name).toList());
            assertTrue(split.windows().stream().allMatch(w -> w.name().equals("d__01.npy")));
        }
    }

    @Test
    void tokenNamesMatchListEntriesByPathWithoutExtensionFromTheEnd() {
        SplitLists lists = new SplitLists(List.of("clips/x.wav", "other/y.flac"), List.of(), List.of("clips/z.wav"));
        assertEquals(Role.TRAIN, lists.roleOf("x.npy"));
        assertEquals(Role.TRAIN, lists.roleOf("clips/x.npy"));
        assertEquals(Role.TEST, lists.roleOf("z.npy"));
        assertThrows(IllegalArgumentException.class, () -> lists.roleOf("clips/y.npy"), "y is under other/");
        assertThrows(IllegalArgumentException.class, () -> lists.roleOf("xx.npy"), "not a suffix at a /");
    }

    @Test
    void aFileOnNoListOrOnTwoListsIsRefusedWithItsName() {
        SplitLists lists = new SplitLists(List.of("a/x.wav"), List.of(), List.of("b/x.wav", "c/w.wav"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> lists.roleOf("x.npy"));
        assertTrue(
                twice.getMessage().contains("a/x.wav") && twice.getMessage().contains("b/x.wav"), twice.getMessage());
        IllegalArgumentException none = assertThrows(
                IllegalArgumentException.class,
                () -> HeldOutSplit.of(clips("w", "v"), SplitPlan.defaults().withLists(lists), 0, 32, 10, 20, 4));
        assertTrue(none.getMessage().contains("v.npy"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SplitLists(List.of(), List.of(), List.of("t")));
    }

    @Test
    void aPlanWithoutListsKeepsItsOldSettingsIdentity() {
        // run settings are fingerprinted from the plan's JSON: a plan without lists must serialise as before
        assertEquals(
                java.util.Set.of("testFraction", "validationFraction", "maxValidationWindows"),
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .convertValue(SplitPlan.defaults(), java.util.Map.class)
                        .keySet());
    }
}
