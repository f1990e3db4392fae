package dev.rvqlm.tokenizer.rvq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Learns K codebooks of N codewords for D-vectors: stage by stage k-means++ seeding on a sample of residuals,
 * then mini-batch EMA updates of all stages (SoundStream/EnCodec): per batch and stage, counts and sums of the
 * assigned residuals are averaged with decay d, counts are Laplace-smoothed, codeword = sum / count; codes whose
 * EMA count falls below the dead-code threshold are replaced by random residuals of the batch.
 *
 * <p>Quantizer dropout ({@link TrainConfig#dropout()}) trains a random prefix of stages on a batch. In this codec
 * the stages are greedy and there is no learned encoder, so stage k depends only on stages before it: every
 * prefix is already as good as the stages it holds, and dropout only thins the data later stages see. It is
 * offered for experiments and off by default.
 *
 * <p>Every batch runs in a child {@link NDManager}; all randomness comes from generators split off the seed.
 */
public final class RvqTrainer {

    private final int codebooks;
    private final int size;
    private final TrainConfig config;

    /** @param codebooks K >= 1; @param size N >= 2 */
    public RvqTrainer(int codebooks, int size, TrainConfig config) {
        if (codebooks < 1) {
            throw new IllegalArgumentException("codebooks K must be >= 1, got " + codebooks);
        }
        if (size < 2) {
            throw new IllegalArgumentException("codebook size N must be >= 2, got " + size);
        }
        this.codebooks = codebooks;
        this.size = size;
        this.config = config;
    }

    /** Result of training: the codebooks and their diagnostics. */
    public record Result(Codebooks codebooks, List<StageDiagnostics> diagnostics) {}

    /**
     * @param data [F][D] training vectors, F >= 1
     */
    public Result train(float[][] data, TrainProgress.Listener listener) {
        if (data.length == 0) {
            throw new IllegalArgumentException("no training vectors");
        }
        int dim = data[0].length;
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom initRandom = root.split();
        SplittableRandom batchRandom = root.split();
        SplittableRandom dropoutRandom = root.split();
        SplittableRandom resetRandom = root.split();
        SplittableRandom diagRandom = root.split();

        Ema[] stages = initialise(data, dim, initRandom, listener);
        int batch = Math.min(config.batchSize(), Math.max(data.length, 1));
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int it = 1; it <= config.iterations(); it++) {
                try (NDManager step = manager.newSubManager()) {
                    float[] residual = sample(data, dim, batch, batchRandom);
                    double energy = meanSquare(residual);
                    int active = config.dropout() > 0 && dropoutRandom.nextDouble() < config.dropout()
                            ? 1 + dropoutRandom.nextInt(codebooks) : codebooks;
                    int dead = 0;
                    int resets = 0;
                    double distortion = 0;
                    for (int k = 0; k < active; k++) {
                        NDArray books = NearestCodeSearch.upload(step, stages[k].codewords, size, dim);
                        int[] codes = NearestCodeSearch.nearest(step, residual, batch, dim, books);
                        float[] input = residual.clone();
                        distortion = ResidualQuantizer.subtract(residual, codes, stages[k].codewords, dim)
                                / ((double) batch * dim);
                        stages[k].update(input, codes, batch, config.decay());
                        if (config.deadCodes() instanceof DeadCodePolicy.Reset reset) {
                            int[] counts = stages[k].resetDead(input, batch, reset.threshold(), resetRandom);
                            dead += counts[0];
                            resets += counts[1];
                        }
                    }
                    listener.onProgress(new TrainProgress(TrainProgress.Phase.TRAIN, it, config.iterations(), distortion,
                            energy > 0 ? distortion / energy : 0, dead, resets));
                }
            }
        }
        float[][] books = new float[codebooks][];
        for (int k = 0; k < codebooks; k++) {
            books[k] = stages[k].codewords;
        }
        Codebooks result = new Codebooks(size, dim, books);
        return new Result(result, diagnose(result, data, diagRandom));
    }

    /**
     * Seeds stage k on a fresh sample of frames passed through the already seeded stages 0..k-1 (a fresh sample per
     * stage, so later stages never see residuals that earlier stages have over-fitted).
     */
    private Ema[] initialise(float[][] data, int dim, SplittableRandom random, TrainProgress.Listener listener) {
        int count = Math.min(data.length, TrainConfig.INIT_SAMPLES_PER_CODE * size);
        Ema[] stages = new Ema[codebooks];
        double scale = (double) Math.min(config.batchSize(), data.length) / count;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int k = 0; k < codebooks; k++) {
                try (NDManager step = manager.newSubManager()) {
                    float[] residual = sample(data, dim, count, random);
                    double energy = meanSquare(residual);
                    for (int j = 0; j < k; j++) {
                        int[] codes = NearestCodeSearch.nearest(step, residual, count, dim,
                                NearestCodeSearch.upload(step, stages[j].codewords, size, dim));
                        ResidualQuantizer.subtract(residual, codes, stages[j].codewords, dim);
                    }
                    float[] centres = config.init() == Init.KMEANS_PLUS_PLUS
                            ? KMeansPlusPlus.seed(residual, count, dim, size, random)
                            : KMeansPlusPlus.randomSamples(residual, count, dim, size, random);
                    int[] codes = NearestCodeSearch.nearest(step, residual, count, dim,
                            NearestCodeSearch.upload(step, centres, size, dim));
                    double distortion = ResidualQuantizer.subtract(residual, codes, centres, dim) / ((double) count * dim);
                    stages[k] = new Ema(centres, size, dim, codes, scale);
                    listener.onProgress(new TrainProgress(TrainProgress.Phase.INIT, k + 1, codebooks, distortion,
                            energy > 0 ? distortion / energy : 0, 0, 0));
                }
            }
        }
        return stages;
    }

    private List<StageDiagnostics> diagnose(Codebooks books, float[][] data, SplittableRandom random) {
        int count = Math.min(data.length, 32768);
        float[][] vectors = new float[count][];
        if (count == data.length) {
            vectors = data;
        } else {
            for (int i = 0; i < count; i++) {
                vectors[i] = data[random.nextInt(data.length)];
            }
        }
        return diagnose(books, vectors);
    }

    /** Per-stage perplexity, usage, dead codes and residual after each stage, measured on {@code vectors}. */
    public static List<StageDiagnostics> diagnose(Codebooks books, float[][] vectors) {
        double energy = 0;
        for (float[] v : vectors) {
            for (float x : v) {
                energy += (double) x * x;
            }
        }
        energy /= Math.max(1, (double) vectors.length * books.dimension());
        try (ResidualQuantizer quantizer = new ResidualQuantizer(books)) {
            ResidualQuantizer.Encoded encoded = quantizer.encodeWithResidual(vectors, books.count());
            List<StageDiagnostics> out = new ArrayList<>();
            for (int k = 0; k < books.count(); k++) {
                int[] hist = new int[books.size()];
                for (int c : encoded.codes()[k]) {
                    hist[c]++;
                }
                double entropy = 0;
                int used = 0;
                for (int h : hist) {
                    if (h > 0) {
                        used++;
                        double p = (double) h / vectors.length;
                        entropy -= p * Math.log(p);
                    }
                }
                double mse = encoded.residualMse()[k];
                out.add(new StageDiagnostics(k, Math.exp(entropy), 100.0 * used / books.size(), books.size() - used,
                        Math.sqrt(mse), energy > 0 && mse > 0 ? 10 * Math.log10(mse / energy) : 0));
            }
            return out;
        }
    }

    private static float[] sample(float[][] data, int dim, int count, SplittableRandom random) {
        float[] out = new float[count * dim];
        for (int i = 0; i < count; i++) {
            float[] row = data[random.nextInt(data.length)];
            if (row.length != dim) {
                throw new IllegalStateException("training vectors differ in length: " + row.length + " vs " + dim);
            }
            System.arraycopy(row, 0, out, i * dim, dim);
        }
        return out;
    }

    private static double meanSquare(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    /** EMA state of one stage: counts and sums per codeword, and the codewords they imply. */
    private static final class Ema {
        final float[] codewords;
        final double[] counts;
        final double[] sums;
        final int size;
        final int dim;

        Ema(float[] centres, int size, int dim, int[] initialCodes, double scale) {
            this.codewords = centres;
            this.size = size;
            this.dim = dim;
            this.counts = new double[size];
            this.sums = new double[size * dim];
            for (int c : initialCodes) {
                counts[c] += scale;
            }
            for (int n = 0; n < size; n++) {
                for (int d = 0; d < dim; d++) {
                    sums[n * dim + d] = (double) centres[n * dim + d] * counts[n];
                }
            }
        }

        void update(float[] input, int[] codes, int batch, double decay) {
            double[] batchCounts = new double[size];
            double[] batchSums = new double[size * dim];
            for (int t = 0; t < batch; t++) {
                int c = codes[t];
                batchCounts[c] += 1;
                int src = t * dim;
                int dst = c * dim;
                for (int d = 0; d < dim; d++) {
                    batchSums[dst + d] += input[src + d];
                }
            }
            double total = 0;
            for (int n = 0; n < size; n++) {
                counts[n] = decay * counts[n] + (1 - decay) * batchCounts[n];
                total += counts[n];
            }
            for (int i = 0; i < sums.length; i++) {
                sums[i] = decay * sums[i] + (1 - decay) * batchSums[i];
            }
            double eps = TrainConfig.LAPLACE_EPSILON;
            for (int n = 0; n < size; n++) {
                double smoothed = (counts[n] + eps) / (total + size * eps) * total;
                if (smoothed <= 0) {
                    continue;
                }
                for (int d = 0; d < dim; d++) {
                    codewords[n * dim + d] = (float) (sums[n * dim + d] / smoothed);
                }
            }
        }

        /** @return {dead codes before reset, codes reset} */
        int[] resetDead(float[] input, int batch, double threshold, SplittableRandom random) {
            int dead = 0;
            for (int n = 0; n < size; n++) {
                if (counts[n] < threshold) {
                    dead++;
                    int src = random.nextInt(batch) * dim;
                    for (int d = 0; d < dim; d++) {
                        codewords[n * dim + d] = input[src + d];
                        sums[n * dim + d] = (double) input[src + d] * threshold;
                    }
                    counts[n] = threshold;
                }
            }
            return new int[] {dead, dead};
        }
    }
}
