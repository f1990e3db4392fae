package dev.rvqlm.lm.fast;

/** The models' fixed positional encoding, shared by the DJL model and the Java engine. */
public final class Sinusoids {

    private Sinusoids() {}

    /** AudioCraft's {@code create_sin_embedding}: [cos | sin] of s / 10000^(i / (D/2 − 1)), as [S][D] floats. */
    public static float[] table(int steps, int dim) {
        int half = dim / 2;
        float[] out = new float[steps * dim];
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < half; i++) {
                double phase = s / Math.pow(10000.0, half == 1 ? 0 : (double) i / (half - 1));
                out[s * dim + i] = (float) Math.cos(phase);
                out[s * dim + half + i] = (float) Math.sin(phase);
            }
        }
        return out;
    }
}
