package dev.rvqlm.eval.corpus;

import javax.sound.midi.Sequence;

/**
 * One generated piece: its MIDI sequence and the choices that shaped it (kept for the corpus listing).
 *
 * @param name        file stem, e.g. {@code piece-03}
 * @param sequence    the MIDI sequence (melody, chords, bass, drums)
 * @param bpm         tempo in beats per minute
 * @param key         tonic as a note name with its mode, e.g. {@code D minor}
 * @param instruments General MIDI program names of melody, chords and bass
 * @param seconds     length of the music in seconds (without the synthesizer's release tail)
 */
public record Piece(String name, Sequence sequence, int bpm, String key, String instruments, double seconds) {}
