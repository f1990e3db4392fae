package dev.rvqlm.tokenizer.report;

import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.TokenDirectoryWriter;
import dev.rvqlm.tokens.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a reviewer of a codec looks at and listens to: for a few clips, a short excerpt of the reference and of
 * its decoding at a few points of the bitrate ladder, as one spectrogram sheet per clip
 * ({@code codec-spectrogram-STEM.png}) and 16-bit WAVs under {@code audio/} ({@code STEM__ref.wav},
 * {@code STEM__k01-0.75kbps.wav}, ...).
 */
public final class CodecExcerpts {

    /** Clips shown. */
    public static final int CLIPS = 2;
    /** Length of the excerpt, taken from the middle of the clip. */
    public static final double SECONDS = 4;
    /** Frequencies shown: where speech's pitch harmonics and the first formants are. */
    public static final double MAX_HZ = 4000;
    /** The WAVs' directory inside the report directory. */
    public static final String AUDIO = "audio";

    /** The files written. */
    public record Written(List<Path> sheets, List<Path> wavs) {}

    private CodecExcerpts() {}

    /**
     * Writes the sheets and WAVs of the chosen clips into {@code reportDir}.
     *
     * @param names each clip's name (a relative path); it picks the clips and names the files
     * @param clips mono audio at the codec's rate, in the order of {@code names}
     * @param ks    the evaluated k; the first, the middle and the last of them are shown
     */
    public static Written write(Codec codec, List<String> names, List<float[]> clips, int[] ks, Path reportDir)
            throws IOException {
        if (names.size() != clips.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + clips.size() + " clips");
        }
        int[] ladder = ladder(ks);
        LinearSpectrogram scale = new LinearSpectrogram(codec.sampleRate(), MAX_HZ);
        List<Path> sheets = new ArrayList<>();
        List<Path> wavs = new ArrayList<>();
        Set<String> stems = new HashSet<>();
        for (int i : choose(names, CLIPS)) {
            String stem = stem(names.get(i));
            if (!stems.add(stem)) {
                stem = stem + "-" + (i + 1);
                stems.add(stem);
            }
            float[] clip = clips.get(i);
            int[][] codes = codec.encode(clip);
            List<float[]> decoded =
                    Arrays.stream(ladder).mapToObj(k -> codec.decode(codes, k)).toList();
            int usable = decoded.stream().mapToInt(d -> d.length).reduce(clip.length, Math::min);
            int length = Math.min(usable, (int) Math.round(SECONDS * codec.sampleRate()));
            int start = (usable - length) / 2;

            List<SpectrogramSheet.Panel> panels = new ArrayList<>();
            float[] ref = Arrays.copyOfRange(clip, start, start + length);
            wavs.add(wav(reportDir, stem + "__ref.wav", ref, codec.sampleRate()));
            panels.add(new SpectrogramSheet.Panel("reference", scale.decibels(ref)));
            int digits = String.valueOf(codec.codebooks()).length();
            for (int j = 0; j < ladder.length; j++) {
                float[] excerpt = Arrays.copyOfRange(decoded.get(j), start, start + length);
                double kbps = codec.bitrate(ladder[j]) / 1000;
                String file = String.format(Locale.ROOT, "%s__k%0" + digits + "d-%.2fkbps.wav", stem, ladder[j], kbps);
                wavs.add(wav(reportDir, file, excerpt, codec.sampleRate()));
                panels.add(new SpectrogramSheet.Panel(
                        String.format(
                                Locale.ROOT,
                                "decoded, first k=%d of %d codebooks: " + "%.2f kbit/s",
                                ladder[j],
                                codec.codebooks(),
                                kbps),
                        scale.decibels(excerpt)));
            }
            double rate = codec.sampleRate();
            String title = String.format(
                    Locale.ROOT,
                    "%s, %.1f-%.1f s; STFT window %d, hop %d; colour: %.0f dB " + "below the loudest to the loudest",
                    names.get(i),
                    start / rate,
                    (start + length) / rate,
                    scale.window(),
                    scale.hop(),
                    SpectrogramSheet.RANGE_DB);
            Path sheet = reportDir.resolve("codec-spectrogram-" + stem + ".png");
            AtomicFiles.replace(sheet, SpectrogramImage.png(SpectrogramSheet.draw(title, panels, scale)));
            sheets.add(sheet);
        }
        return new Written(sheets, wavs);
    }

    /** Indices of up to {@code count} clips: names containing "speech" first, each group in sorted name order. */
    static List<Integer> choose(List<String> names, int count) {
        return IntStream.range(0, names.size())
                .boxed()
                .sorted(Comparator.<Integer, Boolean>comparing(
                                i -> !names.get(i).toLowerCase(Locale.ROOT).contains("speech"))
                        .thenComparing(names::get))
                .limit(count)
                .toList();
    }

    /** The first, middle and last of the distinct sorted {@code ks}. */
    static int[] ladder(int[] ks) {
        int[] sorted = Arrays.stream(ks).distinct().sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no codebook counts to show");
        }
        return IntStream.of(sorted[0], sorted[(sorted.length - 1) / 2], sorted[sorted.length - 1])
                .distinct()
                .toArray();
    }

    /** A file-name stem for a relative name: no extension, directories joined by '-', only safe characters. */
    static String stem(String name) {
        String stem = TokenDirectoryWriter.withoutExtension(name)
                .replace('\\', '/')
                .replace('/', '-')
                .replaceAll("[^A-Za-z0-9._-]", "_");
        return stem.isEmpty() ? "clip" : stem;
    }

    private static Path wav(Path reportDir, String name, float[] audio, int rate) throws IOException {
        Path file = reportDir.resolve(AUDIO).resolve(name);
        AudioIO.writeWav(file, audio, rate);
        return file;
    }
}
