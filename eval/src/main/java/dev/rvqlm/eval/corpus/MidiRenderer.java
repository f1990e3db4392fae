package dev.rvqlm.eval.corpus;

import dev.rvqlm.tokens.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sound.midi.MidiSystem;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Renders a MIDI sequence to a WAV file with the JDK's built-in software synthesizer, through the public
 * {@code javax.sound} API only: {@code AudioSystem.getAudioInputStream} on a standard MIDI file gives 16-bit
 * 44.1 kHz stereo PCM with the built-in sound bank, headless and without a sound card.
 */
public final class MidiRenderer {

    /** Seconds of release tail kept after the last note. */
    static final double TAIL_SECONDS = 0.5;

    private MidiRenderer() {}

    /**
     * Renders {@code piece} to {@code target} (written atomically) and returns the audio's length in seconds.
     */
    public static double renderWav(Piece piece, Path target) {
        try (AudioInputStream audio = render(piece)) {
            AtomicFiles.write(
                    target, temporary -> AudioSystem.write(audio, AudioFileFormat.Type.WAVE, temporary.toFile()));
            return audio.getFrameLength() / (double) audio.getFormat().getFrameRate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + piece.name() + ": " + e.getMessage(), e);
        }
    }

    /** The piece as PCM, cut to its music plus {@value #TAIL_SECONDS} s of tail. */
    public static AudioInputStream render(Piece piece) {
        try {
            ByteArrayOutputStream midi = new ByteArrayOutputStream();
            MidiSystem.write(piece.sequence(), 1, midi);
            AudioInputStream full = AudioSystem.getAudioInputStream(new ByteArrayInputStream(midi.toByteArray()));
            long frames = (long) Math.ceil(
                    (piece.seconds() + TAIL_SECONDS) * full.getFormat().getFrameRate());
            if (full.getFrameLength() != AudioSystem.NOT_SPECIFIED) {
                frames = Math.min(frames, full.getFrameLength());
            }
            return new AudioInputStream(full, full.getFormat(), frames);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + piece.name() + ": " + e.getMessage(), e);
        } catch (UnsupportedAudioFileException e) {
            // the environment lacks a facility: a failure to report (exit 1), not a bug in rvq
            String message = "this Java runtime has no MIDI-to-audio renderer (javax.sound's software synthesizer): "
                    + e.getMessage();
            throw new UncheckedIOException(message, new IOException(message, e));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot write " + piece.name() + " as a MIDI file: " + e.getMessage(), e);
        }
    }
}
