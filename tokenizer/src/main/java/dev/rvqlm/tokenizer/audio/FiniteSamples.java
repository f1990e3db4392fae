package dev.rvqlm.tokenizer.audio;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses audio holding NaN or infinite samples (float WAVs can): one such sample turns a codec's residuals into NaN,
 * kills its codebooks and encodes as code 0, so it must stop at the file, named with the first bad sample's time.
 */
public final class FiniteSamples {

    private FiniteSamples() {}

    /** Fails, naming the file, the first non-finite sample's time and channel, unless every sample is finite. */
    public static void require(PcmAudio audio, Path file) {
        float[][] channels = audio.channels();
        for (int i = 0; i < audio.frames(); i++) {
            for (int c = 0; c < channels.length; c++) {
                float v = channels[c][i];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(String.format(
                            Locale.ROOT,
                            "%s: sample %d (%.3f s, channel %d) is %s: audio must hold finite samples",
                            file,
                            i,
                            i / (double) audio.sampleRate(),
                            c,
                            Float.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf"));
                }
            }
        }
    }

    /** Fails unless every sample of {@code mono} is finite (for audio handed to the codec in memory). */
    public static void require(float[] mono, int sampleRate) {
        for (int i = 0; i < mono.length; i++) {
            if (!Float.isFinite(mono[i])) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "audio sample %d (%.3f s) is %s: audio must hold finite samples",
                        i,
                        i / (double) sampleRate,
                        Float.isNaN(mono[i]) ? "NaN" : "infinite"));
            }
        }
    }
}
