package dev.rvqlm.tokenizer.transform;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Modified discrete cosine transform with a sine window (power-complementary: w[n]² + w[n+M]² = 1), 50% overlap.
 *
 * <p>A frame has {@code 2M} samples and gives {@code M} coefficients; frames advance by the hop {@code M}.
 * {@code X[k] = Σ_n w[n] x[n] cos(π/M (n + 1/2 + M/2)(k + 1/2))}. The transform is computed as a DCT-IV of the
 * time-folded frame, and the DCT-IV through an {@code M/2}-point complex FFT (JTransforms) with pre- and
 * post-twiddles. Windowed overlap-add of {@link #inverse} frames reconstructs the input exactly (time-domain
 * aliasing cancellation); {@link #analyze}/{@link #synthesize} do the framing for a whole signal.
 *
 * <p>Not thread-safe (scratch buffers); cheap to create, so use one per thread.
 */
public final class Mdct {

    private final int m;
    private final double[] window;
    private final double[] preCos;
    private final double[] preSin;
    private final double[] postCos;
    private final double[] postSin;
    private final DoubleFFT_1D fft;
    private final double[] folded;
    private final double[] complex;
    private final double[] coeffs;

    /** @param hop M, the number of coefficients per frame; must be even and at least 2 */
    public Mdct(int hop) {
        if (hop < 2 || hop % 2 != 0) {
            throw new IllegalArgumentException("MDCT hop must be even and >= 2, got " + hop);
        }
        this.m = hop;
        this.window = new double[2 * m];
        for (int n = 0; n < 2 * m; n++) {
            window[n] = Math.sin(Math.PI * (n + 0.5) / (2 * m));
        }
        int half = m / 2;
        preCos = new double[half];
        preSin = new double[half];
        postCos = new double[half];
        postSin = new double[half];
        for (int n = 0; n < half; n++) {
            preCos[n] = Math.cos(-Math.PI * n / m);
            preSin[n] = Math.sin(-Math.PI * n / m);
            postCos[n] = Math.cos(-Math.PI * (n + 0.25) / m);
            postSin[n] = Math.sin(-Math.PI * (n + 0.25) / m);
        }
        fft = new DoubleFFT_1D(half);
        folded = new double[m];
        complex = new double[m];
        coeffs = new double[m];
    }

    public int hop() {
        return m;
    }

    /** Frames needed for a signal of {@code samples}: every sample is covered by two frames. */
    public int frameCount(int samples) {
        return (samples + m - 1) / m + 1;
    }

    /** Samples that {@link #synthesize} returns for {@code frames} frames. */
    public int synthesizedLength(int frames) {
        return Math.max(0, frames - 1) * m;
    }

    /**
     * MDCT of a whole signal: frame t covers samples {@code [(t-1)M, (t+1)M)} (zeros outside the signal).
     *
     * @return [T][M] coefficients, T = {@link #frameCount}
     */
    public float[][] analyze(float[] signal) {
        int frames = frameCount(signal.length);
        float[][] out = new float[frames][];
        double[] frame = new double[2 * m];
        for (int t = 0; t < frames; t++) {
            int start = (t - 1) * m;
            for (int n = 0; n < 2 * m; n++) {
                int i = start + n;
                frame[n] = i >= 0 && i < signal.length ? signal[i] : 0;
            }
            out[t] = forward(frame);
        }
        return out;
    }

    /** Inverse of {@link #analyze}: windowed overlap-add; returns {@code (T-1)·M} samples. */
    public float[] synthesize(float[][] coefficients) {
        int frames = coefficients.length;
        double[] acc = new double[(frames + 1) * m];
        double[] frame = new double[2 * m];
        for (int t = 0; t < frames; t++) {
            inverse(coefficients[t], frame);
            int start = t * m; // in acc coordinates, acc[j] = signal[j - M]
            for (int n = 0; n < 2 * m; n++) {
                acc[start + n] += frame[n];
            }
        }
        float[] out = new float[synthesizedLength(frames)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) acc[i + m];
        }
        return out;
    }

    /** MDCT of one windowed frame of {@code 2M} samples. */
    public float[] forward(double[] frame) {
        int half = m / 2;
        // Fold (a, b, c, d) -> (-c_r - d, a - b_r) on the windowed frame.
        for (int n = 0; n < half; n++) {
            double a = window[n] * frame[n];
            double bR = window[m - 1 - n] * frame[m - 1 - n];
            double cR = window[m + half - 1 - n] * frame[m + half - 1 - n];
            double d = window[m + half + n] * frame[m + half + n];
            folded[n] = -cR - d;
            folded[half + n] = a - bR;
        }
        dct4(folded, coeffs);
        float[] out = new float[m];
        for (int k = 0; k < m; k++) {
            out[k] = (float) coeffs[k];
        }
        return out;
    }

    /** Windowed IMDCT of one frame into {@code out} (2M samples), ready for overlap-add. */
    public void inverse(float[] x, double[] out) {
        if (x.length != m) {
            throw new IllegalStateException("MDCT frame has " + x.length + " coefficients, expected " + m);
        }
        for (int k = 0; k < m; k++) {
            folded[k] = x[k];
        }
        dct4(folded, coeffs);
        int half = m / 2;
        // y = 2 (w2, -w2_r, -w1_r, -w1) / M where (w1, w2) are the halves of DCT-IV(x): with the window applied
        // at analysis and synthesis and w[n]² + w[n+M]² = 1, overlap-add then returns the input exactly.
        double scale = 2.0 / m;
        for (int n = 0; n < half; n++) {
            double w1 = coeffs[n];
            double w2 = coeffs[half + n];
            out[n] = w2 * scale;
            out[m - 1 - n] = -w2 * scale;
            out[m + half - 1 - n] = -w1 * scale;
            out[m + half + n] = -w1 * scale;
        }
        for (int n = 0; n < 2 * m; n++) {
            out[n] *= window[n];
        }
    }

    /** DCT-IV, X[k] = Σ x[n] cos(π/M (n+1/2)(k+1/2)), via an M/2-point complex FFT. */
    private void dct4(double[] x, double[] out) {
        int half = m / 2;
        for (int n = 0; n < half; n++) {
            double re = x[2 * n];
            double im = x[m - 1 - 2 * n];
            complex[2 * n] = re * preCos[n] - im * preSin[n];
            complex[2 * n + 1] = re * preSin[n] + im * preCos[n];
        }
        fft.complexForward(complex);
        for (int k = 0; k < half; k++) {
            double re = complex[2 * k];
            double im = complex[2 * k + 1];
            double wr = re * postCos[k] - im * postSin[k];
            double wi = re * postSin[k] + im * postCos[k];
            out[2 * k] = wr;
            out[m - 1 - 2 * k] = -wi;
        }
    }
}
