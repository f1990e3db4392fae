package dev.rvqlm.eval.data;

import dev.rvqlm.tokens.TokenCorpus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which token files train the LMs and which are held out, and the held-out windows and prompts: fixed by the seed
 * alone, so every pattern is trained on the same files and scored on the same windows.
 *
 * <p>Scoring windows tile each held-out file without overlap from frame 0 (a last partial window is kept if it has
 * at least 2 frames), so every held-out code is scored exactly once. Prompts are taken at evenly spaced starts in the
 * held-out files, each followed by its real continuation.
 *
 * @param train    files the LMs train on
 * @param heldOut  files no LM trains on
 * @param windows  scoring windows over {@code heldOut} (indices refer to the full corpus)
 * @param prompts  prompt + real-continuation windows over {@code heldOut}, each of prompt + continuation frames
 */
public record HeldOutSplit(TokenCorpus train, TokenCorpus heldOut, List<Window> windows, List<Window> prompts) {

    public HeldOutSplit {
        windows = List.copyOf(windows);
        prompts = List.copyOf(prompts);
    }

    /**
     * Splits {@code corpus}: a {@code fraction} of the files (at least one, and at least one left to train on) is
     * held out, chosen by {@code seed}.
     *
     * @param windowFrames  frames per scoring window (usually the training crop T)
     * @param promptFrames  frames of each prompt
     * @param continuationFrames frames of each real continuation
     * @param maxPrompts    at most this many prompts
     */
    public static HeldOutSplit of(TokenCorpus corpus, double fraction, long seed, int windowFrames, int promptFrames,
                                  int continuationFrames, int maxPrompts) {
        int files = corpus.items().size();
        if (files < 2) {
            throw new IllegalArgumentException("eval needs at least 2 token files (one to train on, one held out), "
                    + "got " + files);
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("held-out fraction must be in (0, 1), got " + fraction);
        }
        if (windowFrames < 2) {
            throw new IllegalArgumentException("held-out windows need at least 2 frames, got " + windowFrames);
        }
        int heldOutCount = Math.min(files - 1, Math.max(1, (int) Math.round(fraction * files)));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(new SplittableRandom(seed).nextLong()));
        List<Integer> heldOutIndices = new ArrayList<>(order.subList(0, heldOutCount));
        Collections.sort(heldOutIndices);
        List<TokenCorpus.Item> train = new ArrayList<>();
        List<TokenCorpus.Item> heldOut = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            (heldOutIndices.contains(i) ? heldOut : train).add(corpus.items().get(i));
        }
        List<Window> windows = new ArrayList<>();
        for (int i : heldOutIndices) {
            TokenCorpus.Item item = corpus.items().get(i);
            for (int start = 0; start + 2 <= item.timesteps(); start += windowFrames) {
                windows.add(new Window(i, item.name(), start, Math.min(windowFrames, item.timesteps() - start)));
            }
        }
        List<Window> prompts = prompts(corpus, heldOutIndices, promptFrames + continuationFrames, maxPrompts);
        return new HeldOutSplit(subset(corpus, train), subset(corpus, heldOut), windows, prompts);
    }

    private static List<Window> prompts(TokenCorpus corpus, List<Integer> heldOut, int frames, int maxPrompts) {
        List<Window> prompts = new ArrayList<>();
        if (maxPrompts < 1 || frames < 2) {
            return prompts;
        }
        // Round-robin over held-out files, evenly spaced non-overlapping starts within each.
        List<List<Window>> perFile = new ArrayList<>();
        for (int i : heldOut) {
            TokenCorpus.Item item = corpus.items().get(i);
            List<Window> fits = new ArrayList<>();
            for (int start = 0; start + frames <= item.timesteps(); start += frames) {
                fits.add(new Window(i, item.name(), start, frames));
            }
            perFile.add(fits);
        }
        for (int round = 0; prompts.size() < maxPrompts; round++) {
            boolean any = false;
            for (List<Window> fits : perFile) {
                if (round < fits.size() && prompts.size() < maxPrompts) {
                    prompts.add(fits.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return prompts;
    }

    private static TokenCorpus subset(TokenCorpus corpus, List<TokenCorpus.Item> items) {
        return new TokenCorpus(items, corpus.codebookSize(), corpus.frameRate(), corpus.tokenizerId());
    }

    /** Held-out codes scored per codebook: the sum of window lengths. */
    public long scoredFramesPerCodebook() {
        return windows.stream().mapToLong(Window::length).sum();
    }
}
