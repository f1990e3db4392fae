package dev.rvqlm.eval.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The built-in corpus of {@code rvq demo}: procedurally generated pieces rendered by the JDK's MIDI synthesizer to
 * 44.1 kHz stereo WAV files, so that a fresh machine needs no data to download.
 */
public final class DemoCorpus {

    /** One written file. */
    public record Entry(Path file, double seconds, int bpm, String key, String instruments) {}

    private DemoCorpus() {}

    /**
     * Writes {@code piece-00.wav, piece-01.wav, ...} into {@code directory} (created if needed).
     *
     * @param progress receives one line per written file
     * @return the files with their lengths and musical choices, in order
     */
    public static List<Entry> write(DemoCorpusConfig config, Path directory, Consumer<String> progress) {
        SplittableRandom root = new SplittableRandom(config.seed());
        List<Entry> entries = new ArrayList<>();
        int digits = String.valueOf(config.pieces() - 1).length();
        for (int i = 0; i < config.pieces(); i++) {
            SplittableRandom random = root.split();
            String name = String.format("piece-%0" + Math.max(2, digits) + "d", i);
            Piece piece = PieceGenerator.generate(name, config.secondsPerPiece(), random);
            Path file = directory.resolve(name + ".wav");
            double seconds = MidiRenderer.renderWav(piece, file);
            entries.add(new Entry(file, seconds, piece.bpm(), piece.key(), piece.instruments()));
            progress.accept(String.format(
                    "corpus %d/%d  %s  %.1f s  %d bpm  %s  %s",
                    i + 1,
                    config.pieces(),
                    file.getFileName(),
                    seconds,
                    piece.bpm(),
                    piece.key(),
                    piece.instruments()));
        }
        return entries;
    }
}
