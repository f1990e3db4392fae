package dev.rvqlm.tokens;

import java.util.List;

/**
 * Token files held in memory: what the LM trains and is evaluated on. The lm module reads no files itself; the
 * CLI (or eval) fills a corpus from the tokenizer's {@code .npy} files and manifest.
 *
 * <pre>{@code
 * TokenCorpus corpus = new TokenCorpus(List.of(new TokenCorpus.Item("a.npy", codesKxT)), 1024, 75.0, "codec:3f2a…");
 * }</pre>
 *
 * @param items        the files, each a K×T code grid (T may differ between files)
 * @param codebookSize N: every code is in [0, N)
 * @param frameRate    timesteps per audio second (for bits per second), > 0
 * @param tokenizerId  identity of the tokenizer that made the codes (stored in checkpoints), may be empty
 */
public record TokenCorpus(List<Item> items, int codebookSize, double frameRate, String tokenizerId) {

    /**
     * One token file.
     *
     * @param name  file name, for messages
     * @param codes [K][T] codes (not copied: do not change them while the corpus is in use)
     */
    public record Item(String name, int[][] codes) {
        public int timesteps() {
            return codes.length == 0 ? 0 : codes[0].length;
        }
    }

    /** @throws IllegalArgumentException when the corpus is empty, K differs between files or a code is out of range */
    public TokenCorpus {
        items = List.copyOf(items);
        tokenizerId = tokenizerId == null ? "" : tokenizerId;
        if (items.isEmpty()) {
            throw new IllegalArgumentException("the token corpus holds no files");
        }
        if (codebookSize < 2) {
            throw new IllegalArgumentException("codebookSize (N) must be at least 2, got " + codebookSize);
        }
        if (!(frameRate > 0)) {
            throw new IllegalArgumentException("frameRate must be positive, got " + frameRate);
        }
        int k = items.get(0).codes().length;
        for (Item item : items) {
            int[][] codes = item.codes();
            if (codes.length != k || k == 0) {
                throw new IllegalArgumentException(item.name() + " has K=" + codes.length + " codebooks but "
                        + items.get(0).name() + " has K=" + k);
            }
            CodeGrids.requireGrid(codes, codebookSize, item.name());
        }
    }

    /** K, the number of codebooks of every file. */
    public int codebooks() {
        return items.get(0).codes().length;
    }

    /** Total timesteps over all files. */
    public long totalTimesteps() {
        return items.stream().mapToLong(Item::timesteps).sum();
    }
}
