package dev.rvqlm.tokenizer.rvq;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One RVQ stage learnt by exponential moving averages (VQ-VAE-2, SoundStream, EnCodec): per batch, the count and
 * the sum of the vectors assigned to each code decay by d and gain (1 − d) of the batch's; counts are Laplace
 * smoothed, and a codeword is its sum over its smoothed count.
 *
 * <p>With {@code zeroReserved}, code 0 is the zero vector and stays so (no update, no reset): a stage can then always
 * leave the residual as it is, so no stage makes it worse (greedy search picks code 0 when every other code would).
 */
public final class EmaCodebook {

    private final float[] codewords;
    private final double[] counts;
    private final double[] sums;
    private final int size;
    private final int dim;
    private final boolean zeroReserved;

    /**
     * @param centres   [N·D] initial codewords (copied; code 0 is zeroed when reserved)
     * @param initial   codes of the vectors the centres were seeded from, each counting {@code scale} towards
     *                  its code's EMA count (so the first batches do not sweep the seeding away)
     */
    public EmaCodebook(float[] centres, int size, int dim, boolean zeroReserved, int[] initial, double scale) {
        if (centres.length != size * dim) {
            throw new IllegalArgumentException(
                    "centres have " + centres.length + " values, expected N*D = " + size * dim);
        }
        this.codewords = centres.clone();
        this.size = size;
        this.dim = dim;
        this.zeroReserved = zeroReserved;
        this.counts = new double[size];
        this.sums = new double[size * dim];
        if (zeroReserved) {
            Arrays.fill(codewords, 0, dim, 0f);
        }
        for (int c : initial) {
            counts[c] += scale;
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] = (double) codewords[i] * counts[i / dim];
        }
    }

    /** The live codewords [N·D] (not a copy: callers only read them). */
    public float[] codewords() {
        return codewords;
    }

    /** The EMA count of code n (per batch). */
    public double count(int n) {
        return counts[n];
    }

    /** The EMA sum of code n, [D] (copied). */
    public double[] sum(int n) {
        return Arrays.copyOfRange(sums, n * dim, (n + 1) * dim);
    }

    /** The first code the EMA may move: 1 when code 0 is the reserved zero vector. */
    public int firstLearnt() {
        return zeroReserved ? 1 : 0;
    }

    /** One EMA step with the batch's {@code batch} vectors {@code input} [B·D] assigned to {@code codes}. */
    public void update(float[] input, int[] codes, int batch, double decay, double laplaceEpsilon) {
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
        for (int n = firstLearnt(); n < size; n++) {
            double smoothed = (counts[n] + laplaceEpsilon) / (total + size * laplaceEpsilon) * total;
            if (smoothed <= 0) {
                continue;
            }
            for (int d = 0; d < dim; d++) {
                codewords[n * dim + d] = (float) (sums[n * dim + d] / smoothed);
            }
        }
    }

    /**
     * Replaces every code whose EMA count is below {@code threshold} by a random vector of the batch (the code's
     * count restarts at the threshold).
     *
     * @return the number of codes reset
     */
    public int resetDead(float[] input, int batch, double threshold, SplittableRandom random) {
        int reset = 0;
        for (int n = firstLearnt(); n < size; n++) {
            if (counts[n] < threshold) {
                reset++;
                int src = random.nextInt(batch) * dim;
                for (int d = 0; d < dim; d++) {
                    codewords[n * dim + d] = input[src + d];
                    sums[n * dim + d] = (double) input[src + d] * threshold;
                }
                counts[n] = threshold;
            }
        }
        return reset;
    }

    /**
     * State for checkpoints, bit-exact: counts [N] then sums [N·D], each double's 64 bits carried by two float
     * slots (high then low 32 bits, as raw float bits), so that a resumed run continues exactly.
     */
    public float[] state() {
        float[] out = new float[2 * (size + sums.length)];
        for (int n = 0; n < size; n++) {
            pack(counts[n], out, 2 * n);
        }
        for (int i = 0; i < sums.length; i++) {
            pack(sums[i], out, 2 * (size + i));
        }
        return out;
    }

    /** Length of {@link #state()} for N codes of dimension D. */
    public static int stateLength(int size, int dim) {
        return 2 * (size + size * dim);
    }

    /** Restores {@link #state()} together with the codewords it belongs to. */
    public void restore(float[] codewords, float[] state) {
        System.arraycopy(codewords, 0, this.codewords, 0, this.codewords.length);
        for (int n = 0; n < size; n++) {
            counts[n] = unpack(state, 2 * n);
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] = unpack(state, 2 * (size + i));
        }
    }

    private static void pack(double v, float[] out, int at) {
        long bits = Double.doubleToRawLongBits(v);
        out[at] = Float.intBitsToFloat((int) (bits >>> 32));
        out[at + 1] = Float.intBitsToFloat((int) bits);
    }

    private static double unpack(float[] in, int at) {
        long high = Float.floatToRawIntBits(in[at]) & 0xFFFFFFFFL;
        long low = Float.floatToRawIntBits(in[at + 1]) & 0xFFFFFFFFL;
        return Double.longBitsToDouble(high << 32 | low);
    }
}
