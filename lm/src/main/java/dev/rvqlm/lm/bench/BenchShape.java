package dev.rvqlm.lm.bench;

import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmFamily;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.tokens.TokenCorpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A benchmark model shape and its training batch, the yardstick's CONFIGS.
 *
 * @param name   A, B or depth_A
 * @param config the model
 * @param steps  sequence steps S of a training batch
 * @param batch  sequences B of a training batch
 */
public record BenchShape(String name, LmConfig config, int steps, int batch) {

    public static final BenchShape A = new BenchShape("A", ModelShape.standard().lmConfig(4, 1024, 1024), 512, 8);
    public static final BenchShape B = new BenchShape("B", ModelShape.small().lmConfig(4, 256, 1024), 256, 8);
    /** Config A as the temporal transformer of a depth model with the default depth transformer. */
    public static final BenchShape DEPTH_A =
            new BenchShape("depth_A", ModelEntry.parse("depth").lmConfig(ModelShape.standard(), 4, 1024, 1024), 512, 8);

    /** The yardstick's config record: K, N, d, L, H, S, B (and the depth transformer's d, L, H). */
    Map<String, Object> record() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("K", config.codebooks());
        m.put("N", config.codebookSize());
        m.put("d", config.dim());
        m.put("L", config.layers());
        m.put("H", config.heads());
        m.put("S", steps);
        m.put("B", batch);
        LmFamily.Depth d = config.depth();
        if (d != null) {
            m.put("depth", Map.of("d", d.dim(), "L", d.layers(), "H", d.heads()));
        }
        return m;
    }

    /** {@code files} files of uniformly random codes of T frames, drawn from {@code seed}. */
    static TokenCorpus randomCorpus(LmConfig c, int files, int timesteps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TokenCorpus.Item> items = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            int[][] codes = new int[c.codebooks()][timesteps];
            for (int[] row : codes) {
                for (int t = 0; t < timesteps; t++) {
                    row[t] = random.nextInt(c.codebookSize());
                }
            }
            items.add(new TokenCorpus.Item("random" + f, codes));
        }
        return new TokenCorpus(items, c.codebookSize(), 50.0, "random");
    }
}
