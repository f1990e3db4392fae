package dev.rvqlm.tokenizer.audio;

/**
 * Decoded audio: one float array per channel (all of equal length), nominally in [-1, 1].
 *
 * @param sampleRate samples per second per channel
 * @param channels   [C][samples]
 */
public record PcmAudio(int sampleRate, float[][] channels) {

    public PcmAudio {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
        }
        if (channels.length == 0) {
            throw new IllegalArgumentException("audio needs at least one channel");
        }
        for (float[] c : channels) {
            if (c.length != channels[0].length) {
                throw new IllegalArgumentException(
                        "channels have different lengths: " + c.length + " vs " + channels[0].length);
            }
        }
    }

    /** Samples per channel. */
    public int frames() {
        return channels[0].length;
    }

    /** The average of all channels. */
    public float[] mono() {
        if (channels.length == 1) {
            return channels[0];
        }
        float[] mix = new float[frames()];
        for (float[] c : channels) {
            for (int i = 0; i < mix.length; i++) {
                mix[i] += c[i];
            }
        }
        float scale = 1f / channels.length;
        for (int i = 0; i < mix.length; i++) {
            mix[i] *= scale;
        }
        return mix;
    }
}
