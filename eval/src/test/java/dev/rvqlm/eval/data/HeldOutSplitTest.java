package dev.rvqlm.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokens.TokenCorpus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeldOutSplitTest {

    private static TokenCorpus corpus(int files, int frames) {
        List<TokenCorpus.Item> items = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            int[][] codes = new int[2][frames + f];
            for (int t = 0; t < codes[0].length; t++) {
                codes[0][t] = (t + f) % 8;
                codes[1][t] = (3 * t) % 8;
            }
            items.add(new TokenCorpus.Item("f" + f + ".npy", codes));
        }
        return new TokenCorpus(items, 8, 75.0, "test");
    }

    @Test
    void windowsTileTheHeldOutFilesSoEveryCodeIsScoredOnce() {
        TokenCorpus corpus = corpus(10, 100);
        HeldOutSplit split = HeldOutSplit.of(corpus, 0.2, 5, 32, 10, 20, 4);
        assertEquals(8, split.train().items().size());
        assertEquals(2, split.heldOut().items().size());
        long heldOutFrames = split.heldOut().items().stream()
                .mapToLong(TokenCorpus.Item::timesteps)
                .sum();
        assertEquals(heldOutFrames, split.scoredFramesPerCodebook());
        Set<String> covered = new HashSet<>();
        for (Window w : split.windows()) {
            assertTrue(w.length() <= 32 && w.length() >= 2);
            for (int t = w.start(); t < w.start() + w.length(); t++) {
                assertTrue(covered.add(w.name() + "@" + t), "frame scored twice: " + w.name() + "@" + t);
            }
        }
        Set<String> trainNames = new HashSet<>();
        split.train().items().forEach(i -> trainNames.add(i.name()));
        split.heldOut().items().forEach(i -> assertTrue(!trainNames.contains(i.name()), "leak: " + i.name()));
    }

    @Test
    void theSameSeedGivesTheSameSplitAndPromptsFitTheirFiles() {
        TokenCorpus corpus = corpus(10, 100);
        HeldOutSplit a = HeldOutSplit.of(corpus, 0.3, 9, 16, 10, 20, 5);
        HeldOutSplit b = HeldOutSplit.of(corpus, 0.3, 9, 16, 10, 20, 5);
        assertEquals(a.windows(), b.windows());
        assertEquals(a.prompts(), b.prompts());
        assertEquals(5, a.prompts().size());
        for (Window p : a.prompts()) {
            assertEquals(30, p.length());
            int[][] cut = p.cut(corpus.items().get(p.file()).codes());
            assertEquals(2, cut.length);
            assertEquals(corpus.items().get(p.file()).codes()[0][p.start()], cut[0][0]);
        }
    }

    @Test
    void validationFilesAreSeparateFromTestAndTrainAndTheirWindowsAreCapped() {
        TokenCorpus corpus = corpus(20, 100);
        HeldOutSplit split = HeldOutSplit.of(corpus, new SplitPlan(0.2, 0.1, 3), 4, 32, 10, 20, 4);
        assertEquals(4, split.heldOut().items().size());
        assertEquals(2, split.validation().size());
        assertEquals(14, split.train().items().size());
        Set<String> seen = new HashSet<>();
        split.train().items().forEach(i -> assertTrue(seen.add(i.name())));
        split.validation().forEach(i -> assertTrue(seen.add(i.name()), "validation file also trains: " + i.name()));
        split.heldOut().items().forEach(i -> assertTrue(seen.add(i.name()), "test file also elsewhere: " + i.name()));
        assertEquals(3, split.validationWindows().size(), "2 files of ~100 frames hold 8 windows, capped at 3");
        Set<String> validationNames = new HashSet<>();
        split.validation().forEach(i -> validationNames.add(i.name()));
        split.validationWindows().forEach(w -> assertTrue(validationNames.contains(w.name())));
        assertEquals(
                split.heldOut().items().stream().map(TokenCorpus.Item::name).toList(),
                new ArrayList<>(split.windowsByFile().keySet()),
                "test windows grouped by file, in file order");
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> HeldOutSplit.of(corpus(2, 50), new SplitPlan(0.3, 0.3, 4), 1, 8, 2, 2, 1));
        assertTrue(e.getMessage().startsWith("eval needs at least 3 token files"), e.getMessage());
    }

    @Test
    void tooFewFilesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> HeldOutSplit.of(corpus(1, 50), 0.1, 1, 8, 2, 2, 1));
        assertTrue(e.getMessage().startsWith("eval needs at least 2 token files"), e.getMessage());
    }
}
