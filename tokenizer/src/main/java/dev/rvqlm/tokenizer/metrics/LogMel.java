package dev.rvqlm.tokenizer.metrics;

import java.util.Arrays;

/**
 * Log-mel features, frames × 80, used by the log-mel distance and (in {@code eval}) a Fréchet distance.
 *
 * <p>Definition: magnitude STFT ({@link Stft}: periodic Hann window of {@code 1024·rate/24000} samples rounded to
 * a power of two, hop a quarter window, centred frames, magnitudes divided by the window sum); 80 triangular
 * filters equally spaced on the HTK mel scale (mel = 2595·log10(1 + f/700)) from 0 Hz to the Nyquist frequency,
 * each peaking at 1 on its centre bin; feature = log10(max(filter output, 1e-5)). At 24 kHz: 1024-sample window,
 * 256-sample hop (93.75 frames/s).
 */
public final class LogMel {

    public static final int BANDS = 80;
    public static final double FLOOR = 1e-5;

    private final int sampleRate;
    private final Stft stft;
    private final float[][] filters; // [BANDS][bins]
    private final int[] firstBin;
    private final int[] lastBin;

    public LogMel(int sampleRate) {
        if (sampleRate < 1000) {
            throw new IllegalArgumentException("log-mel needs a sample rate >= 1000 Hz, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        int size = Integer.highestOneBit((int) Math.round(1024.0 * sampleRate / 24000) * 2 - 1);
        this.stft = new Stft(size, size / 4);
        int bins = stft.bins();
        double nyquist = sampleRate / 2.0;
        double maxMel = mel(nyquist);
        double[] centresHz = new double[BANDS + 2];
        for (int i = 0; i < centresHz.length; i++) {
            centresHz[i] = melInverse(maxMel * i / (BANDS + 1));
        }
        filters = new float[BANDS][bins];
        firstBin = new int[BANDS];
        lastBin = new int[BANDS];
        double binHz = nyquist / (bins - 1);
        for (int b = 0; b < BANDS; b++) {
            double lo = centresHz[b];
            double mid = centresHz[b + 1];
            double hi = centresHz[b + 2];
            firstBin[b] = bins;
            lastBin[b] = -1;
            for (int k = 0; k < bins; k++) {
                double f = k * binHz;
                double w = f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
                if (w > 0) {
                    filters[b][k] = (float) w;
                    firstBin[b] = Math.min(firstBin[b], k);
                    lastBin[b] = k;
                }
            }
            if (lastBin[b] < 0) { // narrower than one bin: take the nearest bin
                int k = (int) Math.round(mid / binHz);
                filters[b][k] = 1;
                firstBin[b] = k;
                lastBin[b] = k;
            }
        }
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Feature frames per second. */
    public double frameRate() {
        return (double) sampleRate / (stft.bins() - 1) / 2 * 4;
    }

    /** @return [frames][80] log10 mel magnitudes */
    public float[][] features(float[] audio) {
        float[][] mag = stft.magnitude(audio);
        float[][] out = new float[mag.length][BANDS];
        for (int t = 0; t < mag.length; t++) {
            for (int b = 0; b < BANDS; b++) {
                double acc = 0;
                for (int k = firstBin[b]; k <= lastBin[b]; k++) {
                    acc += filters[b][k] * mag[t][k];
                }
                out[t][b] = (float) Math.log10(Math.max(acc, FLOOR));
            }
        }
        return out;
    }

    /**
     * Log-mel distance: mean over frames and the 80 bands of |logmel(reference) − logmel(test)|, after cutting both
     * signals to the shorter length. 0 means identical; 1 means a factor of 10 per band on average.
     */
    public double distance(float[] reference, float[] test) {
        int n = Math.min(reference.length, test.length);
        float[][] a = features(Arrays.copyOf(reference, n));
        float[][] b = features(Arrays.copyOf(test, n));
        double sum = 0;
        for (int t = 0; t < a.length; t++) {
            for (int m = 0; m < BANDS; m++) {
                sum += Math.abs(a[t][m] - b[t][m]);
            }
        }
        return sum / ((double) a.length * BANDS);
    }

    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double melInverse(double mel) {
        return (Math.pow(10, mel / 2595) - 1) * 700;
    }
}
