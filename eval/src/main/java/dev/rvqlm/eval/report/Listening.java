package dev.rvqlm.eval.report;

import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.metrics.LogMel;
import dev.rvqlm.tokenizer.report.SpectrogramImage;
import dev.rvqlm.tokens.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a reader hears: decoded real and sampled continuations of held-out prompts as WAV files in a run's
 * {@code audio/} directory, each with a small log-mel spectrogram PNG beside it, and the report's section of audio
 * players that links them.
 */
public final class Listening {

    /** The directory inside a run directory. */
    public static final String AUDIO = "audio";
    /** Prompts decoded per run. */
    public static final int PROMPTS = 2;

    private Listening() {}

    /**
     * Decodes prompt + real continuation and prompt + sampled continuation ([K][P + C] each) of prompt {@code index}.
     */
    public static void write(Codec codec, int[][] real, int[][] sampled, Path runDir, int index) throws IOException {
        Path dir = runDir.resolve(AUDIO);
        LogMel logMel = new LogMel(codec.sampleRate());
        for (var entry : Map.of("real", real, "sampled", sampled).entrySet()) {
            float[] audio = codec.decode(entry.getValue());
            String stem = String.format("prompt-%d-%s", index, entry.getKey());
            AudioIO.writeWav(dir.resolve(stem + ".wav"), audio, codec.sampleRate());
            AtomicFiles.write(dir.resolve(stem + ".png"), spectrogram(logMel.features(audio)));
        }
    }

    /** [frames][bands] log-mel as a PNG: time left to right, low bands at the bottom, 2 px per cell. */
    static byte[] spectrogram(float[][] features) {
        int bands = features.length == 0 ? LogMel.BANDS : features[0].length;
        float max = SpectrogramImage.max(features);
        // 80 dB below the loudest cell (log10 magnitudes); an empty grid draws dark
        double high = Float.isFinite(max) ? max : 0;
        return SpectrogramImage.png(SpectrogramImage.draw(features, bands, high - 4, high, 2, 2));
    }

    /**
     * The report's listening section: for each pattern's run directory (relative to the report), its decoded
     * prompts as audio players with their spectrograms; empty when no run has audio.
     */
    static String html(Path reportDir, Map<String, String> runDirectories) {
        StringBuilder html = new StringBuilder();
        for (var run : runDirectories.entrySet()) {
            Path audio = reportDir.resolve(run.getValue()).resolve(AUDIO);
            if (!Files.isDirectory(audio)) {
                continue;
            }
            List<Path> wavs;
            try (Stream<Path> files = Files.list(audio)) {
                wavs = files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + audio + ": " + e.getMessage(), e);
            }
            if (wavs.isEmpty()) {
                continue;
            }
            html.append("<h3>").append(Html.escape(run.getKey())).append("</h3>\n<div class=\"audio\">\n");
            for (Path wav : wavs) {
                String relative = reportDir.relativize(wav).toString().replace('\\', '/');
                String name = wav.getFileName().toString().replace(".wav", "");
                html.append("<figure><figcaption>").append(Html.escape(name)).append("</figcaption>");
                Path png = wav.resolveSibling(name + ".png");
                if (Files.isRegularFile(png)) {
                    try {
                        html.append("<img class=\"spec\" alt=\"spectrogram of ")
                                .append(Html.escape(name))
                                .append("\" src=\"data:image/png;base64,")
                                .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png)))
                                .append("\">");
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + png + ": " + e.getMessage(), e);
                    }
                }
                html.append("<audio controls preload=\"none\" src=\"")
                        .append(Html.escape(relative))
                        .append("\"></audio></figure>\n");
            }
            html.append("</div>\n");
        }
        return html.toString();
    }
}
