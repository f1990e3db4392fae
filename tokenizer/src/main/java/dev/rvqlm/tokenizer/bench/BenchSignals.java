package dev.rvqlm.tokenizer.bench;

import java.util.SplittableRandom;

/** Synthetic benchmark audio: harmonic tones with vibrato, a chirp and noise bursts, enough to populate codebooks. */
final class BenchSignals {

    private BenchSignals() {}

    static void synthesize(float[] out, int rate, SplittableRandom random) {
        double f0 = 80 + random.nextDouble() * 400;
        double vibrato = 2 + random.nextDouble() * 5;
        double chirpFrom = 100 + random.nextDouble() * 2000;
        double chirpTo = 200 + random.nextDouble() * 10000;
        double phase = 0;
        double chirpPhase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / rate;
            double f = f0 * (1 + 0.02 * Math.sin(2 * Math.PI * vibrato * t));
            phase += 2 * Math.PI * f / rate;
            double tone = 0;
            for (int h = 1; h <= 8 && h * f < rate / 2.0; h++) {
                tone += Math.sin(h * phase) / h;
            }
            double cf = chirpFrom + (chirpTo - chirpFrom) * (t % 2) / 2;
            chirpPhase += 2 * Math.PI * cf / rate;
            double burst = (int) (t * 4) % 3 == 0 ? random.nextGaussian() * 0.05 : 0;
            out[i] = (float)
                    (0.2 * tone * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.5 * t)) + 0.05 * Math.sin(chirpPhase) + burst);
        }
    }
}
