package dev.rvqlm.tokenizer.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.Signals;
import dev.rvqlm.tokenizer.audio.PcmAudio;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import dev.rvqlm.tokenizer.shaping.Shaping;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spectrogram sheets and WAV excerpts of {@code rvq codec eval --report}, on a tiny codec trained here. */
class CodecExcerptsTest {

    static final int RATE = 16000;
    static Codec codec;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        codec = new CodecTrainer(
                        new CodecConfig(RATE, 160, 4, 32, new Shaping.Plain()),
                        RvqTraining.defaults(3).toBuilder()
                                .iterations(5)
                                .batchSize(512)
                                .build())
                .train(List.of(Signals.music(RATE, 3 * RATE, 1), Signals.music(RATE, 3 * RATE, 2)), p -> {});
    }

    @AfterAll
    static void close() {
        codec.close();
    }

    @Test
    void writesOneSheetAndTheWavsOfAnExcerptPerChosenClip() throws IOException {
        List<String> names = List.of("music/a.wav", "speech/b.wav", "speech/c.wav");
        float[] b = Signals.music(RATE, 6 * RATE, 3);
        float[] c = Signals.music(RATE, 2 * RATE, 4); // shorter than an excerpt: used whole
        CodecExcerpts.Written written = CodecExcerpts.write(
                codec, names, List.of(Signals.music(RATE, 5 * RATE, 5), b, c), new int[] {1, 2, 3, 4}, dir);

        assertEquals(
                List.of(dir.resolve("codec-spectrogram-speech-b.png"), dir.resolve("codec-spectrogram-speech-c.png")),
                written.sheets(),
                "speech clips are preferred");
        List<String> wavs;
        try (Stream<Path> files = Files.list(dir.resolve("audio"))) {
            wavs = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        double kbps = 100 * 5 / 1000.0; // 100 frames/s (hop 160 at 16 kHz) x log2(32) bits
        List<String> expected = new ArrayList<>();
        for (String stem : List.of("speech-b", "speech-c")) {
            for (int k : new int[] {1, 2, 4}) { // first, middle and last of k = 1..4
                expected.add(String.format("%s__k%d-%.2fkbps.wav", stem, k, k * kbps));
            }
            expected.add(stem + "__ref.wav");
        }
        assertEquals(expected, wavs);
        assertEquals(8, written.wavs().size());

        // b: 4 s from the middle of 6 s, the reference exactly as given (to 16-bit precision)
        PcmAudio ref = AudioIO.read(dir.resolve("audio/speech-b__ref.wav"));
        assertEquals(RATE, ref.sampleRate());
        assertEquals(4 * RATE, ref.frames());
        float[] samples = ref.mono();
        for (int i = 0; i < samples.length; i += 997) {
            assertEquals(b[RATE + i], samples[i], 1.0 / 32768 + 1e-6, "sample " + i);
        }
        assertEquals(
                4 * RATE,
                AudioIO.read(dir.resolve("audio/speech-b__k4-2.00kbps.wav")).frames());
        // c: the whole clip as far as the decoder gives it back
        int decoded = codec.decode(codec.encode(c), 1).length;
        assertEquals(
                Math.min(c.length, decoded),
                AudioIO.read(dir.resolve("audio/speech-c__ref.wav")).frames());
        assertEquals(
                Math.min(c.length, decoded),
                AudioIO.read(dir.resolve("audio/speech-c__k2-1.00kbps.wav")).frames());

        BufferedImage sheet =
                ImageIO.read(dir.resolve("codec-spectrogram-speech-b.png").toFile());
        LinearSpectrogram scale = new LinearSpectrogram(RATE, CodecExcerpts.MAX_HZ);
        int frames = 1 + 4 * RATE / scale.hop();
        assertEquals(SpectrogramSheet.LEFT + 2 * frames + SpectrogramSheet.RIGHT, sheet.getWidth());
        // reference + 3 decodings: four coloured bands, each 2 px per frequency row, down a column right of the
        // captions
        assertArrayEquals(
                new int[] {2 * scale.rows(), 2 * scale.rows(), 2 * scale.rows(), 2 * scale.rows()},
                colouredRuns(sheet, sheet.getWidth() - SpectrogramSheet.RIGHT - 3));
    }

    @Test
    void aSineShowsAtItsFrequencyRowWithHighFrequenciesAbove() {
        int rate = 24000;
        LinearSpectrogram scale = new LinearSpectrogram(rate, 4000);
        assertEquals(1024, scale.window());
        assertEquals(256, scale.hop());
        double hzPerRow = 24000.0 / 1024;
        assertEquals((int) (4000 / hzPerRow) + 1, scale.rows());
        List<SpectrogramSheet.Panel> panels = new ArrayList<>();
        double[] tones = {440, 1500, 3000};
        for (double hz : tones) {
            panels.add(new SpectrogramSheet.Panel(hz + " Hz", scale.decibels(Signals.sine(hz, 0.5, rate, 2 * rate))));
        }
        BufferedImage sheet = SpectrogramSheet.draw("sines", panels, scale);
        int x = SpectrogramSheet.LEFT + 2 * (scale.decibels(new float[2 * rate]).length / 2); // a middle frame
        int panelHeight = SpectrogramSheet.CAPTION + 2 * scale.rows() + SpectrogramSheet.GAP;
        for (int p = 0; p < tones.length; p++) {
            int top = SpectrogramSheet.TITLE + p * panelHeight + SpectrogramSheet.CAPTION;
            int brightest = top;
            for (int y = top; y < top + 2 * scale.rows(); y++) {
                if (brightness(sheet.getRGB(x, y)) > brightness(sheet.getRGB(x, brightest))) {
                    brightest = y;
                }
            }
            // row 0 (0 Hz) is the bottom pixel pair of the panel
            int rowFromBottom = scale.rows() - 1 - (brightest - top) / 2;
            assertEquals(tones[p] / hzPerRow, rowFromBottom, 0.5, tones[p] + " Hz");
        }
    }

    @Test
    void choosesSpeechFirstThenSortedNamesAndShowsThreeLadderPoints() {
        assertEquals(List.of(2, 1), CodecExcerpts.choose(List.of("b.wav", "a.wav", "x/Speech-1.wav"), 2));
        assertEquals(List.of(1, 0), CodecExcerpts.choose(List.of("b.wav", "a.wav", "c.wav"), 2));
        assertEquals(List.of(0), CodecExcerpts.choose(List.of("only.wav"), 2));
        assertArrayEquals(new int[] {1, 4, 8}, CodecExcerpts.ladder(new int[] {8, 7, 6, 5, 4, 3, 2, 1}));
        assertArrayEquals(new int[] {2, 5}, CodecExcerpts.ladder(new int[] {5, 2}));
        assertArrayEquals(new int[] {3}, CodecExcerpts.ladder(new int[] {3, 3}));
        assertEquals("speech-foo_bar", CodecExcerpts.stem("speech/foo bar.wav"));
        assertEquals("..-x", CodecExcerpts.stem("../x.flac"));
    }

    /** Lengths of the runs of non-white pixels down column {@code x}. */
    static int[] colouredRuns(BufferedImage image, int x) {
        List<Integer> runs = new ArrayList<>();
        int run = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                run++;
            } else if (run > 0) {
                runs.add(run);
                run = 0;
            }
        }
        if (run > 0) {
            runs.add(run);
        }
        return runs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Red plus green: rises with the level in the colour map. */
    private static int brightness(int rgb) {
        return ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF);
    }
}
