package dev.rvqlm.tokenizer.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rvqlm.tokenizer.fine.StagePlan;
import dev.rvqlm.tokenizer.rvq.Codebooks;
import dev.rvqlm.tokenizer.rvq.EmaCodebook;
import dev.rvqlm.tokenizer.rvq.Init;
import dev.rvqlm.tokenizer.rvq.NearestCodeSearch;
import dev.rvqlm.tokenizer.rvq.RvqTrainer;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import java.util.SplittableRandom;

/**
 * The residual VQ of a learned codec while it trains: K {@link EmaCodebook} stages on the VQ vectors (the latents,
 * followed for kind fine by the fine structure), seeded by k-means++ from encoder outputs, updated by EMA from each
 * batch, with dead codes reset from the batch's residuals. Stage k learns on its part {@code [from_k, to_k)} of the
 * vector only ({@link StagePlan}; the whole vector for kind learned), and its codewords are zero elsewhere. Code 0
 * of stages after the first is the reserved zero vector, as in the classical codec.
 */
final class LatentQuantizer {

    private final int size;
    private final int dim;
    private final StagePlan plan;
    private final EmaCodebook[] stages;

    /**
     * What seeding needs besides the data.
     *
     * @param size       N codes per stage
     * @param dim        dimension of the VQ vectors
     * @param plan       the part of the vector each stage codes (K stages)
     * @param countScale what each seeding vector counts towards its code's EMA count
     */
    record Seeding(int size, int dim, StagePlan plan, double countScale) {}

    /** Seeds K stages stage by stage: k-means++ on the residual of {@code latents} [S·dim] left by the stages before. */
    LatentQuantizer(NDManager scratch, Seeding seeding, float[] latents, int count, SplittableRandom random) {
        this.size = seeding.size();
        this.dim = seeding.dim();
        this.plan = seeding.plan();
        this.stages = new EmaCodebook[plan.stages()];
        float[] residual = latents.clone();
        for (int k = 0; k < stages.length; k++) {
            int width = plan.width(k);
            float[] part = part(residual, count, k);
            float[] centres = RvqTrainer.seedStage(Init.KMEANS_PLUS_PLUS, part, count, width, size, k > 0, random);
            int[] codes = NearestCodeSearch.nearest(
                    scratch, part, count, width, NearestCodeSearch.upload(scratch, centres, size, width));
            stages[k] = new EmaCodebook(centres, size, width, k > 0, codes, seeding.countScale());
            subtract(residual, null, codes, k, count);
        }
    }

    /** Columns {@code [from_k, to_k)} of R rows of the VQ vectors. */
    private float[] part(float[] vectors, int rows, int k) {
        int from = plan.from(k);
        int width = plan.width(k);
        if (from == 0 && width == dim) {
            return vectors.clone();
        }
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(vectors, r * dim + from, out, r * width, width);
        }
        return out;
    }

    /** Takes stage k's chosen codewords off the residual and (when given) adds them to the quantised vectors. */
    private void subtract(float[] residual, float[] quantized, int[] codes, int k, int rows) {
        int from = plan.from(k);
        int width = plan.width(k);
        float[] words = stages[k].codewords();
        for (int r = 0; r < rows; r++) {
            int base = codes[r] * width;
            int at = r * dim + from;
            for (int i = 0; i < width; i++) {
                residual[at + i] -= words[base + i];
                if (quantized != null) {
                    quantized[at + i] += words[base + i];
                }
            }
        }
    }

    /** Quantised latents and what the step learnt. */
    record Step(float[] quantized, int[][] codes, int resets) {}

    /**
     * Quantises R latents with the first {@code active} stages and (with {@code learn}) updates those stages by EMA
     * and resets their dead codes.
     */
    Step quantize(
            NDManager scratch,
            float[] latents,
            int rows,
            int active,
            LatentVq vq,
            boolean learn,
            SplittableRandom random) {
        float[] residual = latents.clone();
        if (vq.jitter() > 0) {
            double rms = Math.sqrt(meanSquare(latents));
            for (int i = 0; i < residual.length; i++) {
                residual[i] += (float) (vq.jitter() * rms * random.nextGaussian());
            }
        }
        float[] quantized = new float[rows * dim];
        int[][] codes = new int[active][];
        int resets = 0;
        for (int k = 0; k < active; k++) {
            EmaCodebook stage = stages[k];
            int width = plan.width(k);
            float[] input = part(residual, rows, k);
            NDArray books = NearestCodeSearch.upload(scratch, stage.codewords(), size, width);
            codes[k] = vq.temperature() > 0 && k == 0
                    ? sample(
                            NearestCodeSearch.distances(scratch, input, rows, width, books),
                            rows,
                            vq.temperature(),
                            random)
                    : NearestCodeSearch.nearest(scratch, input, rows, width, books);
            subtract(residual, quantized, codes[k], k, rows);
            if (learn) {
                stage.update(input, codes[k], rows, vq.decay(), RvqTraining.LAPLACE_EPSILON);
                if (vq.deadThreshold() > 0) {
                    resets += stage.resetDead(input, rows, vq.deadThreshold() * rows / size, random);
                }
            }
        }
        return new Step(quantized, codes, resets);
    }

    /**
     * Stochastic assignment (stage 1 only, see {@link LatentVq#temperature()}): among the 8 nearest codes, p ∝
     * exp(−d² / (τ · max(d²_min, tiny))).
     */
    static int[] sample(float[] distances, int rows, double temperature, SplittableRandom random) {
        int n = distances.length / rows;
        int keep = Math.min(8, n);
        int[] out = new int[rows];
        int[] best = new int[keep];
        double[] weight = new double[keep];
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            int filled = 0;
            for (int c = 0; c < n; c++) {
                float d = distances[base + c];
                if (filled < keep) {
                    best[filled++] = c;
                } else if (d < distances[base + best[keep - 1]]) {
                    best[keep - 1] = c;
                } else {
                    continue;
                }
                for (int i = filled - 1; i > 0 && distances[base + best[i]] < distances[base + best[i - 1]]; i--) {
                    int t = best[i];
                    best[i] = best[i - 1];
                    best[i - 1] = t;
                }
            }
            double dMin = Math.max(distances[base + best[0]], 1e-12);
            double total = 0;
            for (int i = 0; i < keep; i++) {
                weight[i] = Math.exp(-(distances[base + best[i]] - dMin) / (temperature * dMin));
                total += weight[i];
            }
            double u = random.nextDouble() * total;
            int pick = best[keep - 1];
            for (int i = 0; i < keep; i++) {
                u -= weight[i];
                if (u <= 0) {
                    pick = best[i];
                    break;
                }
            }
            out[r] = pick;
        }
        return out;
    }

    EmaCodebook stage(int k) {
        return stages[k];
    }

    int count() {
        return stages.length;
    }

    /** The codebooks over the whole VQ vector: stage k's codewords in its part, zeros elsewhere. */
    Codebooks codebooks() {
        float[][] books = new float[stages.length][];
        for (int k = 0; k < stages.length; k++) {
            int from = plan.from(k);
            int width = plan.width(k);
            float[] words = stages[k].codewords();
            books[k] = new float[size * dim];
            for (int n = 0; n < size; n++) {
                System.arraycopy(words, n * width, books[k], n * dim + from, width);
            }
        }
        return new Codebooks(size, dim, books);
    }

    private static double meanSquare(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }
}
