package dev.rvqlm.lm;

import dev.rvqlm.tokens.TokenCorpus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The train/validation split of a corpus (by file, fixed by the seed) and the random T-frame crops of each step.
 * A step's crops depend only on (seed, step, micro-batch), so a resumed run draws the same data as an unbroken one.
 */
final class CropSource {

    private final List<TokenCorpus.Item> train = new ArrayList<>();
    private final List<TokenCorpus.Item> validation = new ArrayList<>();
    private final long[] cumulativeStarts;
    private final int timesteps;
    private final long seed;

    CropSource(TokenCorpus corpus, LmTraining config) {
        this.timesteps = config.data().timesteps();
        this.seed = config.run().seed();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < corpus.items().size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(config.run().seed()));
        int files = order.size();
        int held = files < 2 || config.run().validationFraction() == 0
                ? 0
                : Math.max(1, Math.min(files - 1, (int)
                        Math.round(files * config.run().validationFraction())));
        for (int i = 0; i < files; i++) {
            (i < held ? validation : train).add(corpus.items().get(order.get(i)));
        }
        train.removeIf(item -> item.timesteps() < timesteps);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training file has T ≥ " + timesteps
                    + " timesteps (--timesteps); the longest has "
                    + corpus.items().stream()
                            .mapToInt(TokenCorpus.Item::timesteps)
                            .max()
                            .orElse(0));
        }
        cumulativeStarts = new long[train.size()];
        long total = 0;
        for (int i = 0; i < train.size(); i++) {
            total += train.get(i).timesteps() - timesteps + 1;
            cumulativeStarts[i] = total;
        }
    }

    /** B crops for a micro-batch, uniform over every T-frame window of the training files. */
    List<int[][]> crops(int step, int micro, int batch) {
        SplittableRandom random = new SplittableRandom(mix(seed, step, micro));
        List<int[][]> out = new ArrayList<>(batch);
        long windows = cumulativeStarts[cumulativeStarts.length - 1];
        for (int b = 0; b < batch; b++) {
            long w = random.nextLong(windows);
            int file = 0;
            while (cumulativeStarts[file] <= w) {
                file++;
            }
            long start = w - (file == 0 ? 0 : cumulativeStarts[file - 1]);
            out.add(crop(train.get(file).codes(), (int) start, timesteps));
        }
        return out;
    }

    /** Held-out windows: consecutive T-frame windows (a shorter file gives one whole-file window), at most max. */
    List<int[][]> validationWindows(int max) {
        List<int[][]> out = new ArrayList<>();
        for (TokenCorpus.Item item : validation) {
            int length = item.timesteps();
            if (length < timesteps) {
                if (length > 0 && out.size() < max) {
                    out.add(item.codes());
                }
                continue;
            }
            for (int start = 0; start + timesteps <= length && out.size() < max; start += timesteps) {
                out.add(crop(item.codes(), start, timesteps));
            }
        }
        return out;
    }

    int trainFiles() {
        return train.size();
    }

    int validationFiles() {
        return validation.size();
    }

    static int[][] crop(int[][] codes, int start, int length) {
        int[][] out = new int[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            out[k] = Arrays.copyOfRange(codes[k], start, start + length);
        }
        return out;
    }

    /** A 64-bit mix of the seed and step indices (SplittableRandom's own finaliser). */
    static long mix(long seed, long a, long b) {
        long z = seed + 0x9E3779B97F4A7C15L * (a * 1_000_003L + b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
