package dev.rvqlm.tokenizer.report;

import dev.rvqlm.tokenizer.metrics.Stft;

/**
 * STFT magnitude in dB on a linear frequency axis up to a ceiling, for looking at harmonics: a window of about
 * 43 ms (1024 samples at 24 kHz, the nearest power of two at other rates) resolves pitch harmonics of speech that
 * a mel scale or a low-bitrate codec blurs; hop a quarter window.
 */
public final class LinearSpectrogram {

    /** Magnitude floor so silence gives a finite level (−200 dB). */
    private static final double FLOOR = 1e-10;

    private final int sampleRate;
    private final int window;
    private final int hop;
    private final int rows;
    private final Stft stft;

    /** Rows from 0 Hz up to {@code maxHz} (at most half the rate). */
    public LinearSpectrogram(int sampleRate, double maxHz) {
        if (sampleRate < 1000 || !(maxHz > 0)) {
            throw new IllegalArgumentException(
                    "a spectrogram needs a rate >= 1000 Hz and maxHz > 0, got " + sampleRate + ", " + maxHz);
        }
        this.sampleRate = sampleRate;
        double ideal = 1024.0 * sampleRate / 24000;
        int below = Integer.highestOneBit((int) ideal);
        this.window = ideal - below <= 2L * below - ideal ? below : 2 * below;
        this.hop = window / 4;
        this.stft = new Stft(window, hop);
        this.rows = Math.min(stft.bins(), (int) Math.floor(Math.min(maxHz, sampleRate / 2.0) / hzPerRow()) + 1);
    }

    /** @return [frames][rows] 20·log10 of the magnitude */
    public float[][] decibels(float[] audio) {
        float[][] magnitude = stft.magnitude(audio);
        float[][] out = new float[magnitude.length][rows];
        for (int t = 0; t < magnitude.length; t++) {
            for (int r = 0; r < rows; r++) {
                out[t][r] = (float) (20 * Math.log10(magnitude[t][r] + FLOOR));
            }
        }
        return out;
    }

    public int rows() {
        return rows;
    }

    public int window() {
        return window;
    }

    public int hop() {
        return hop;
    }

    /** Width of one frequency row (one STFT bin). */
    public double hzPerRow() {
        return (double) sampleRate / window;
    }

    public double secondsPerFrame() {
        return (double) hop / sampleRate;
    }

    /** The highest frequency shown (the centre of the top row). */
    public double maxHz() {
        return (rows - 1) * hzPerRow();
    }
}
