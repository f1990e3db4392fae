package dev.rvqlm.eval.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.sound.midi.MidiSystem;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCorpusTest {

    @TempDir
    Path dir;

    @Test
    void writesAudibleStereoWavFilesOfTheAskedLength() throws Exception {
        List<String> lines = new ArrayList<>();
        List<DemoCorpus.Entry> entries = DemoCorpus.write(new DemoCorpusConfig(7, 2, 4.0), dir, lines::add);
        assertEquals(2, entries.size());
        assertEquals(2, lines.size());
        for (DemoCorpus.Entry entry : entries) {
            assertTrue(Files.exists(entry.file()), entry.file().toString());
            try (AudioInputStream in =
                    AudioSystem.getAudioInputStream(entry.file().toFile())) {
                AudioFormat format = in.getFormat();
                assertEquals(44_100f, format.getSampleRate());
                assertEquals(2, format.getChannels());
                assertEquals(16, format.getSampleSizeInBits());
                double seconds = in.getFrameLength() / (double) format.getFrameRate();
                assertEquals(entry.seconds(), seconds, 1e-3);
                // whole bars of 4/4 at 80..150 bpm around 4 s, plus the release tail
                assertTrue(seconds > 2.0 && seconds < 7.5, "length " + seconds);
                double rms = rms(in.readAllBytes());
                assertTrue(rms > 0.01, "the piece is silent: RMS " + rms);
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of("piece-00.wav", "piece-01.wav"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left");
        }
    }

    @Test
    void theSameSeedGivesTheSameNotesAndAnotherSeedOtherNotes() throws Exception {
        byte[] a = midi(PieceGenerator.generate("a", 8, new SplittableRandom(3)));
        byte[] b = midi(PieceGenerator.generate("a", 8, new SplittableRandom(3)));
        byte[] c = midi(PieceGenerator.generate("a", 8, new SplittableRandom(4)));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void piecesVaryInTempoAndInstruments() {
        SplittableRandom root = new SplittableRandom(11);
        List<Integer> tempos = new ArrayList<>();
        List<String> instruments = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Piece piece = PieceGenerator.generate("p" + i, 10, root.split());
            tempos.add(piece.bpm());
            instruments.add(piece.instruments());
            assertTrue(piece.bpm() >= 80 && piece.bpm() <= 150);
            assertTrue(piece.seconds() > 5 && piece.seconds() < 15, "seconds " + piece.seconds());
        }
        assertTrue(tempos.stream().distinct().count() > 1);
        assertTrue(instruments.stream().distinct().count() > 1);
    }

    @Test
    void badConfigsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DemoCorpusConfig(1, 0, 10));
        assertEquals("pieces must be in 1..1000, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DemoCorpusConfig(1, 3, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new DemoCorpusConfig(1, 3, Double.NaN));
    }

    private static byte[] midi(Piece piece) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MidiSystem.write(piece.sequence(), 1, out);
        return out.toByteArray();
    }

    private static double rms(byte[] pcm16le) {
        double sum = 0;
        int n = pcm16le.length / 2;
        for (int i = 0; i < n; i++) {
            short s = (short) ((pcm16le[2 * i] & 0xff) | (pcm16le[2 * i + 1] << 8));
            sum += (s / 32768.0) * (s / 32768.0);
        }
        return Math.sqrt(sum / n);
    }
}
