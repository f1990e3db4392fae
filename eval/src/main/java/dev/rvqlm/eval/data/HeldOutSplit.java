package dev.rvqlm.eval.data;

import dev.rvqlm.tokens.TokenCorpus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Which token files train the LMs, which select the model (validation) and which are held out for the reported
 * figures (test), and the windows and prompts: fixed by the seed alone, so every pattern is trained on the same
 * files, selected on the same validation windows and scored on the same test windows.
 *
 * <p>Scoring windows tile each held-out file without overlap from frame 0 (a last partial window is kept if it has
 * at least 2 frames), so every held-out code is scored exactly once. Prompts are taken at evenly spaced starts in the
 * held-out files, each followed by its real continuation.
 *
 * @param train             files the LMs train on
 * @param validation        files that pick the best step (none when the plan has no validation share)
 * @param heldOut           test files: no LM trains or selects on them
 * @param windows           scoring windows over {@code heldOut} (indices refer to the full corpus)
 * @param validationWindows scoring windows over {@code validation}
 * @param prompts           prompt + real-continuation windows over {@code heldOut}, each of prompt + continuation
 *                          frames
 */
public record HeldOutSplit(
        TokenCorpus train,
        List<TokenCorpus.Item> validation,
        TokenCorpus heldOut,
        List<Window> windows,
        List<Window> validationWindows,
        List<Window> prompts) {

    public HeldOutSplit {
        validation = List.copyOf(validation);
        windows = List.copyOf(windows);
        validationWindows = List.copyOf(validationWindows);
        prompts = List.copyOf(prompts);
    }

    /** A split without validation files: {@code fraction} of the files held out for testing. */
    public static HeldOutSplit of(
            TokenCorpus corpus,
            double fraction,
            long seed,
            int windowFrames,
            int promptFrames,
            int continuationFrames,
            int maxPrompts) {
        return of(
                corpus,
                new SplitPlan(fraction, 0, 1),
                seed,
                windowFrames,
                promptFrames,
                continuationFrames,
                maxPrompts);
    }

    /**
     * Splits {@code corpus}: as the plan's lists say, or else the plan's test share of the files (at least one) is
     * held out for testing and its validation share (at least one when the share is positive) for validation, chosen
     * by {@code seed}; at least one file is left to train on.
     *
     * @param windowFrames  frames per scoring window (usually the training crop T)
     * @param promptFrames  frames of each prompt
     * @param continuationFrames frames of each real continuation
     * @param maxPrompts    at most this many prompts
     */
    public static HeldOutSplit of(
            TokenCorpus corpus,
            SplitPlan plan,
            long seed,
            int windowFrames,
            int promptFrames,
            int continuationFrames,
            int maxPrompts) {
        if (windowFrames < 2) {
            throw new IllegalArgumentException("held-out windows need at least 2 frames, got " + windowFrames);
        }
        Roles roles = plan.listed() ? listed(corpus, plan.lists()) : drawn(corpus, plan, seed);
        List<TokenCorpus.Item> train = new ArrayList<>();
        List<TokenCorpus.Item> heldOut = new ArrayList<>();
        List<TokenCorpus.Item> validation = new ArrayList<>();
        for (int i = 0; i < corpus.items().size(); i++) {
            (roles.test().contains(i) ? heldOut : roles.validation().contains(i) ? validation : train)
                    .add(corpus.items().get(i));
        }
        List<Window> windows = tile(corpus, roles.test(), windowFrames);
        List<Window> validationWindows =
                evenlyChosen(tile(corpus, roles.validation(), windowFrames), plan.maxValidationWindows());
        List<Window> prompts = prompts(corpus, roles.test(), promptFrames + continuationFrames, maxPrompts);
        return new HeldOutSplit(
                subset(corpus, train), validation, subset(corpus, heldOut), windows, validationWindows, prompts);
    }

    /** The indices of the test and validation files, ascending; every other file trains. */
    private record Roles(List<Integer> test, List<Integer> validation) {}

    /** The corpus's own split: each file on the list that names it. */
    private static Roles listed(TokenCorpus corpus, SplitLists lists) {
        List<Integer> test = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        int train = 0;
        for (int i = 0; i < corpus.items().size(); i++) {
            switch (lists.roleOf(corpus.items().get(i).name())) {
                case TEST -> test.add(i);
                case VALIDATION -> validation.add(i);
                case TRAIN -> train++;
            }
        }
        if (train == 0 || test.isEmpty()) {
            throw new IllegalArgumentException("split lists: eval needs at least one token file on the train list and "
                    + "one on the test list, got " + train + " and " + test.size());
        }
        return new Roles(test, validation);
    }

    /** A random split by the seed in the plan's shares. */
    private static Roles drawn(TokenCorpus corpus, SplitPlan plan, long seed) {
        int files = corpus.items().size();
        boolean validating = plan.validationFraction() > 0;
        int needed = validating ? 3 : 2;
        if (files < needed) {
            throw new IllegalArgumentException("eval needs at least " + needed + " token files (one to train on, one "
                    + (validating ? "for validation, one " : "") + "held out), got " + files);
        }
        int heldOutCount = Math.min(files - needed + 1, Math.max(1, (int) Math.round(plan.testFraction() * files)));
        int validationCount = !validating
                ? 0
                : Math.min(files - heldOutCount - 1, Math.max(1, (int) Math.round(plan.validationFraction() * files)));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(new SplittableRandom(seed).nextLong()));
        List<Integer> heldOutIndices = new ArrayList<>(order.subList(0, heldOutCount));
        List<Integer> validationIndices = new ArrayList<>(order.subList(heldOutCount, heldOutCount + validationCount));
        Collections.sort(heldOutIndices);
        Collections.sort(validationIndices);
        return new Roles(heldOutIndices, validationIndices);
    }

    /** Windows that tile the files without overlap from frame 0 (a last partial window of ≥ 2 frames is kept). */
    private static List<Window> tile(TokenCorpus corpus, List<Integer> files, int windowFrames) {
        List<Window> windows = new ArrayList<>();
        for (int i : files) {
            TokenCorpus.Item item = corpus.items().get(i);
            for (int start = 0; start + 2 <= item.timesteps(); start += windowFrames) {
                windows.add(new Window(i, item.name(), start, Math.min(windowFrames, item.timesteps() - start)));
            }
        }
        return windows;
    }

    private static List<Window> evenlyChosen(List<Window> windows, int max) {
        if (windows.size() <= max) {
            return windows;
        }
        List<Window> chosen = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            chosen.add(windows.get((int) ((long) i * windows.size() / max)));
        }
        return chosen;
    }

    /** The test windows grouped by file, in file order: what the bootstrap resamples. */
    public Map<String, List<Window>> windowsByFile() {
        Map<String, List<Window>> byFile = new LinkedHashMap<>();
        for (Window w : windows) {
            byFile.computeIfAbsent(w.name(), n -> new ArrayList<>()).add(w);
        }
        return byFile;
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
