package dev.rvqlm.tokens.synth;

import java.util.Arrays;
import java.util.List;

/**
 * What an LM can reach on a {@link MarkovSource}, in bits per code, per codebook k, under the source's stationary
 * distribution π over frames (computed exactly by power iteration, the frames being a Markov chain on N^K states):
 * <ul>
 *   <li><b>exact</b>: H(ck_t | c(k−1)_t, ck_t−1), the entropy rate of stream k given everything before it in a
 *       frame-by-frame, codebook-by-codebook order. Their mean is the source's entropy rate per code, the best any
 *       exact factorisation (flatten, delay with these dependencies) can reach.</li>
 *   <li><b>parallel</b>: H(ck_t | frame_t−1), the best a model that predicts a frame's K codes independently of each
 *       other given the past can reach (the product of the true marginals).</li>
 * </ul>
 * LMs scored on finite windows see no past at a window's first frame, so they end slightly above these figures.
 *
 * @param exactBitsByCodebook    [K]
 * @param parallelBitsByCodebook [K]
 */
public record SourceEntropy(List<Double> exactBitsByCodebook, List<Double> parallelBitsByCodebook) {

    private static final double LOG2 = Math.log(2);
    private static final int MAX_ITERATIONS = 100_000;
    private static final double TOLERANCE = 1e-13;

    public SourceEntropy {
        exactBitsByCodebook = List.copyOf(exactBitsByCodebook);
        parallelBitsByCodebook = List.copyOf(parallelBitsByCodebook);
    }

    /** Mean over codebooks of the exact figures: the entropy rate in bits per code. */
    public double exactBitsPerCode() {
        return exactBitsByCodebook.stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
    }

    /** Mean over codebooks of the parallel bound, bits per code. */
    public double parallelBitsPerCode() {
        return parallelBitsByCodebook.stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
    }

    /** Computes both figures for a source. */
    public static SourceEntropy of(MarkovSource source) {
        double[] pi = stationary(source);
        int kk = source.config().codebooks();
        int n = source.config().codebookSize();
        double[][][] rowEntropy = new double[kk][n][n]; // H of each table row, [k][above][own]
        for (int k = 0; k < kk; k++) {
            for (int above = 0; above < (k == 0 ? 1 : n); above++) {
                for (int own = 0; own < n; own++) {
                    rowEntropy[k][above][own] = entropyBits(source.conditional(k, above, own));
                }
            }
        }
        double[] exact = new double[kk];
        double[] parallel = new double[kk];
        int[] previous = new int[kk];
        double[] marginal = new double[n];
        double[] nextMarginal = new double[n];
        for (int state = 0; state < pi.length; state++) {
            double weight = pi[state];
            if (weight == 0) {
                continue;
            }
            decode(state, n, previous);
            // m_k: the marginal of ck_t given the previous frame, propagated down the codebooks.
            System.arraycopy(source.conditional(0, 0, previous[0]), 0, marginal, 0, n);
            exact[0] += weight * rowEntropy[0][0][previous[0]];
            parallel[0] += weight * entropyBits(marginal);
            for (int k = 1; k < kk; k++) {
                Arrays.fill(nextMarginal, 0);
                double h = 0;
                for (int above = 0; above < n; above++) {
                    double m = marginal[above];
                    if (m == 0) {
                        continue;
                    }
                    h += m * rowEntropy[k][above][previous[k]];
                    double[] row = source.conditional(k, above, previous[k]);
                    for (int c = 0; c < n; c++) {
                        nextMarginal[c] += m * row[c];
                    }
                }
                exact[k] += weight * h;
                parallel[k] += weight * entropyBits(nextMarginal);
                System.arraycopy(nextMarginal, 0, marginal, 0, n);
            }
        }
        return new SourceEntropy(
                Arrays.stream(exact).boxed().toList(),
                Arrays.stream(parallel).boxed().toList());
    }

    /**
     * What a model reaches that predicts stream k at frame t from the whole previous frame and, of frame t, only stream
     * {@code nearestAbove[k]} (and the streams above it; −1: none of frame t): H(ck_t | frame_t−1, cj_t), j =
     * nearestAbove[k], under π. Given the previous frame the streams of a frame form a chain (c0 → c1 → …), so the
     * nearest stream above is all that matters of frame t. j = k−1 gives the exact figure, −1 the parallel bound, and
     * {@code 0, 0, …} MusicGen's partial flattening (stream 0 first, the others together on the next step).
     *
     * @param nearestAbove [K] for each stream the nearest stream above it seen in its own frame, −1..k−1
     * @return [K] bits per code
     */
    public static List<Double> givenAbove(MarkovSource source, int[] nearestAbove) {
        int kk = source.config().codebooks();
        int n = source.config().codebookSize();
        if (nearestAbove.length != kk) {
            throw new IllegalArgumentException(
                    "one nearest stream above per stream: K=" + kk + ", got " + nearestAbove.length);
        }
        for (int k = 0; k < kk; k++) {
            if (nearestAbove[k] < -1 || nearestAbove[k] >= k) {
                throw new IllegalArgumentException(
                        "stream " + k + " can see a stream above it in -1.." + (k - 1) + ", got " + nearestAbove[k]);
            }
        }
        double[] pi = stationary(source);
        double[] bits = new double[kk];
        int[] previous = new int[kk];
        for (int state = 0; state < pi.length; state++) {
            if (pi[state] == 0) {
                continue;
            }
            decode(state, n, previous);
            double[][] marginals = marginalsGivenPrevious(source, previous);
            for (int k = 0; k < kk; k++) {
                int j = nearestAbove[k];
                bits[k] += pi[state]
                        * (j < 0
                                ? entropyBits(marginals[k])
                                : conditionalEntropyBits(source, previous, marginals[j], j, k));
            }
        }
        return Arrays.stream(bits).boxed().toList();
    }

    /** [K][N] p(ck_t | frame t−1), propagated down the streams. */
    private static double[][] marginalsGivenPrevious(MarkovSource source, int[] previous) {
        int kk = previous.length;
        int n = source.config().codebookSize();
        double[][] m = new double[kk][];
        m[0] = source.conditional(0, 0, previous[0]).clone();
        for (int k = 1; k < kk; k++) {
            m[k] = propagate(source, k, previous[k], m[k - 1]);
        }
        return m;
    }

    /** The distribution of stream k given the distribution {@code above} of stream k−1 in the same frame. */
    private static double[] propagate(MarkovSource source, int k, int own, double[] above) {
        double[] out = new double[above.length];
        for (int a = 0; a < above.length; a++) {
            if (above[a] == 0) {
                continue;
            }
            double[] row = source.conditional(k, a, own);
            for (int c = 0; c < out.length; c++) {
                out[c] += above[a] * row[c];
            }
        }
        return out;
    }

    /** H(ck_t | cj_t, frame t−1) for j < k, from p(cj_t | frame t−1). */
    private static double conditionalEntropyBits(
            MarkovSource source, int[] previous, double[] marginalJ, int j, int k) {
        int n = marginalJ.length;
        double h = 0;
        double[] oneHot = new double[n];
        for (int a = 0; a < n; a++) {
            if (marginalJ[a] == 0) {
                continue;
            }
            Arrays.fill(oneHot, 0);
            oneHot[a] = 1;
            double[] d = oneHot;
            for (int q = j + 1; q <= k; q++) {
                d = propagate(source, q, previous[q], d);
            }
            h += marginalJ[a] * entropyBits(d);
        }
        return h;
    }

    /** π over frame states (state = Σ c_k N^k) by power iteration of the factorised transition. */
    static double[] stationary(MarkovSource source) {
        int kk = source.config().codebooks();
        int n = source.config().codebookSize();
        int states = (int) SynthSourceConfig.states(kk, n);
        double[] pi = new double[states];
        Arrays.fill(pi, 1.0 / states);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] next = step(source, pi);
            double change = 0;
            for (int i = 0; i < states; i++) {
                change += Math.abs(next[i] - pi[i]);
            }
            pi = next;
            if (change < TOLERANCE) {
                return pi;
            }
        }
        throw new IllegalStateException(
                "the stationary distribution did not converge in " + MAX_ITERATIONS + " iterations; raise the floor");
    }

    /** One frame of the chain: replaces the codes of the previous frame by the new ones, one codebook at a time. */
    private static double[] step(MarkovSource source, double[] pi) {
        int kk = source.config().codebooks();
        int n = source.config().codebookSize();
        double[] current = pi;
        int stride = 1;
        for (int k = 0; k < kk; k++) {
            double[] out = new double[current.length];
            for (int i = 0; i < current.length; i++) {
                double p = current[i];
                if (p == 0) {
                    continue;
                }
                int own = (i / stride) % n;
                int above = k == 0 ? 0 : (i / (stride / n)) % n; // stream k−1 already holds its new code
                double[] row = source.conditional(k, above, own);
                int base = i - own * stride;
                for (int c = 0; c < n; c++) {
                    out[base + c * stride] += p * row[c];
                }
            }
            current = out;
            stride *= n;
        }
        return current;
    }

    private static void decode(int state, int n, int[] codes) {
        for (int k = 0; k < codes.length; k++) {
            codes[k] = state % n;
            state /= n;
        }
    }

    static double entropyBits(double[] p) {
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h / LOG2;
    }
}
