package dev.rvqlm.tokenizer;

import java.util.SplittableRandom;

/** Small deterministic test signals. */
public final class Signals {

    private Signals() {}

    public static float[] sine(double hz, double amplitude, int rate, int samples) {
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** Linear chirp from {@code f0} to {@code f1} Hz. */
    public static float[] chirp(double f0, double f1, double amplitude, int rate, int samples) {
        float[] x = new float[samples];
        double duration = (double) samples / rate;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * duration))));
        }
        return x;
    }

    public static float[] noise(double amplitude, int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (amplitude * r.nextGaussian());
        }
        return x;
    }

    /** A harmonic tone with vibrato plus a chirp and a little noise: music-like test audio. */
    public static float[] music(int rate, int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double f0 = 110 + 200 * r.nextDouble();
        float[] chirp = chirp(300 + 500 * r.nextDouble(), 3000 + 5000 * r.nextDouble(), 0.05, rate, samples);
        float[] x = new float[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            phase += 2 * Math.PI * f0 * (1 + 0.01 * Math.sin(2 * Math.PI * 5 * t)) / rate;
            double tone = 0;
            for (int h = 1; h <= 6; h++) {
                tone += Math.sin(h * phase) / h;
            }
            x[i] = (float)
                    (0.2 * tone * (0.6 + 0.4 * Math.sin(2 * Math.PI * 1.5 * t)) + chirp[i] + 0.01 * r.nextGaussian());
        }
        return x;
    }

    public static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return Math.sqrt(s / Math.max(1, x.length));
    }

    /** Sum-of-squares difference over the first n samples relative to the reference's. */
    public static double relativeError(float[] reference, float[] test, int n) {
        double e = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = reference[i] - test[i];
            e += d * d;
            s += (double) reference[i] * reference[i];
        }
        return Math.sqrt(e / s);
    }
}
