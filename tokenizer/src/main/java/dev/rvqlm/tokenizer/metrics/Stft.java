package dev.rvqlm.tokenizer.metrics;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Magnitude short-time Fourier transform with a periodic Hann window, centred frames (the signal is zero-padded by
 * half a window on each side), magnitudes divided by the window sum (a full-scale sine peaks near 0.5).
 */
public final class Stft {

    private final int size;
    private final int hop;
    private final double[] window;
    private final double windowSum;

    public Stft(int size, int hop) {
        if (size < 2 || hop < 1) {
            throw new IllegalArgumentException("STFT needs size >= 2 and hop >= 1, got " + size + ", " + hop);
        }
        this.size = size;
        this.hop = hop;
        this.window = new double[size];
        double sum = 0;
        for (int n = 0; n < size; n++) {
            window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / size);
            sum += window[n];
        }
        this.windowSum = sum;
    }

    public int bins() {
        return size / 2 + 1;
    }

    /** Frames for a signal of {@code samples}: 1 + samples / hop. */
    public int frames(int samples) {
        return 1 + samples / hop;
    }

    /** @return [frames][size/2 + 1] magnitudes */
    public float[][] magnitude(float[] x) {
        int frames = frames(x.length);
        float[][] out = new float[frames][bins()];
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        double[] buf = new double[size];
        int pad = size / 2;
        for (int t = 0; t < frames; t++) {
            int start = t * hop - pad;
            for (int n = 0; n < size; n++) {
                int i = start + n;
                buf[n] = i >= 0 && i < x.length ? x[i] * window[n] : 0;
            }
            fft.realForward(buf);
            float[] row = out[t];
            row[0] = (float) (Math.abs(buf[0]) / windowSum);
            row[size / 2] = (float) (Math.abs(buf[1]) / windowSum);
            for (int k = 1; k < size / 2; k++) {
                row[k] = (float) (Math.hypot(buf[2 * k], buf[2 * k + 1]) / windowSum);
            }
        }
        return out;
    }
}
