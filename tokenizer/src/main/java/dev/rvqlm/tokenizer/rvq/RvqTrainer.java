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
 * EMA count falls below the dead-code threshold are replaced by random residuals of the batch ({@link EmaCodebook}).
 *
 * <p>In every stage after the first, code 0 is reserved as the zero vector, so greedy search can always leave the
 * residual unchanged: no stage makes the residual worse, on training data or any other (the known flaw of a plain
 * greedy RVQ, whose later stages otherwise add a non-zero codeword to residuals they cannot reduce).
 *
 * <p>Quantizer dropout ({@link RvqTraining#dropout()}) trains a random prefix of stages on a batch. In this codec
 * the stages are greedy and there is no learned encoder, so stage k depends only on stages before it: every
 * prefix is already as good as the stages it holds, and dropout only thins the data later stages see. It is
 * offered for experiments and off by default.
 *
 * <p>Every batch runs in a child {@link NDManager}; all randomness comes from generators split off the seed.
 */
public final class RvqTrainer {

    private final int codebooks;
    private final int size;
    private final RvqTraining config;

    /** @param codebooks K >= 1; @param size N >= 2 */
    public RvqTrainer(int codebooks, int size, RvqTraining config) {
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

        EmaCodebook[] stages = initialise(data, dim, initRandom, listener);
        int batch = Math.min(config.batchSize(), Math.max(data.length, 1));
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int it = 1; it <= config.iterations(); it++) {
                try (NDManager step = manager.newSubManager()) {
                    float[] residual = sample(data, dim, batch, batchRandom);
                    double energy = meanSquare(residual);
                    int active = config.dropout() > 0 && dropoutRandom.nextDouble() < config.dropout()
                            ? 1 + dropoutRandom.nextInt(codebooks)
                            : codebooks;
                    int dead = 0;
                    double distortion = 0;
                    for (int k = 0; k < active; k++) {
                        NDArray books = NearestCodeSearch.upload(step, stages[k].codewords(), size, dim);
                        int[] codes = NearestCodeSearch.nearest(step, residual, batch, dim, books);
                        float[] input = residual.clone();
                        distortion = ResidualQuantizer.subtract(residual, codes, stages[k].codewords(), dim)
                                / ((double) batch * dim);
                        stages[k].update(input, codes, batch, config.decay(), RvqTraining.LAPLACE_EPSILON);
                        if (config.deadCodes() instanceof DeadCodePolicy.Reset reset) {
                            dead += stages[k].resetDead(input, batch, reset.threshold(), resetRandom);
                        }
                    }
                    listener.onProgress(new TrainProgress(
                            TrainProgress.Phase.TRAIN,
                            it,
                            config.iterations(),
                            distortion,
                            energy > 0 ? distortion / energy : 0,
                            dead));
                }
            }
        }
        float[][] books = new float[codebooks][];
        for (int k = 0; k < codebooks; k++) {
            books[k] = stages[k].codewords();
        }
        Codebooks result = new Codebooks(size, dim, books);
        return new Result(result, diagnose(result, data, diagRandom));
    }

    /**
     * Seeds stage k on a fresh sample of frames passed through the already seeded stages 0..k-1 (a fresh sample per
     * stage, so later stages never see residuals that earlier stages have over-fitted).
     */
    private EmaCodebook[] initialise(
            float[][] data, int dim, SplittableRandom random, TrainProgress.Listener listener) {
        int count = Math.min(data.length, RvqTraining.INIT_SAMPLES_PER_CODE * size);
        EmaCodebook[] stages = new EmaCodebook[codebooks];
        double scale = (double) Math.min(config.batchSize(), data.length) / count;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int k = 0; k < codebooks; k++) {
                try (NDManager step = manager.newSubManager()) {
                    float[] residual = sample(data, dim, count, random);
                    double energy = meanSquare(residual);
                    for (int j = 0; j < k; j++) {
                        int[] codes = NearestCodeSearch.nearest(
                                step,
                                residual,
                                count,
                                dim,
                                NearestCodeSearch.upload(step, stages[j].codewords(), size, dim));
                        ResidualQuantizer.subtract(residual, codes, stages[j].codewords(), dim);
                    }
                    float[] centres = seedStage(config.init(), residual, count, dim, size, k > 0, random);
                    int[] codes = NearestCodeSearch.nearest(
                            step, residual, count, dim, NearestCodeSearch.upload(step, centres, size, dim));
                    double distortion =
                            ResidualQuantizer.subtract(residual, codes, centres, dim) / ((double) count * dim);
                    stages[k] = new EmaCodebook(centres, size, dim, k > 0, codes, scale);
                    listener.onProgress(new TrainProgress(
                            TrainProgress.Phase.INIT,
                            k + 1,
                            codebooks,
                            distortion,
                            energy > 0 ? distortion / energy : 0,
                            0));
                }
            }
        }
        return stages;
    }

    /**
     * N seeds for one stage from {@code count} residuals [S·D]; with {@code zeroReserved} code 0 is the zero vector
     * and only N − 1 are drawn.
     */
    public static float[] seedStage(
            Init init, float[] residual, int count, int dim, int size, boolean zeroReserved, SplittableRandom random) {
        int drawn = zeroReserved ? size - 1 : size;
        float[] seeds = init == Init.KMEANS_PLUS_PLUS
                ? KMeansPlusPlus.seed(residual, count, dim, drawn, random)
                : KMeansPlusPlus.randomSamples(residual, count, dim, drawn, random);
        if (!zeroReserved) {
            return seeds;
        }
        float[] centres = new float[size * dim];
        System.arraycopy(seeds, 0, centres, dim, seeds.length);
        return centres;
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
                out.add(new StageDiagnostics(
                        k,
                        Math.exp(entropy),
                        100.0 * used / books.size(),
                        books.size() - used,
                        Math.sqrt(mse),
                        energy > 0 && mse > 0 ? 10 * Math.log10(mse / energy) : 0));
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
}
