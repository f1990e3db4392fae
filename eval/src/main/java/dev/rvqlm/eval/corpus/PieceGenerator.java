package dev.rvqlm.eval.corpus;

import java.util.SplittableRandom;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * Writes a short piece of music as a MIDI sequence: a chord progression in a random key and mode, a melody that
 * walks the scale and lands on chord tones, a bass line, a drum groove, each on its own General MIDI instrument.
 * Everything is drawn from the given generator, so one seed gives one piece.
 */
public final class PieceGenerator {

    /** Ticks per quarter note. */
    static final int PPQ = 480;
    private static final int DRUM_CHANNEL = 9;
    private static final String[] NOTE_NAMES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
    /** Progressions as scale degrees (0-based): I-V-vi-IV, ii-V-I-I, I-vi-IV-V, vi-IV-I-V, I-IV-V-IV. */
    private static final int[][] PROGRESSIONS = {{0, 4, 5, 3}, {1, 4, 0, 0}, {0, 5, 3, 4}, {5, 3, 0, 4}, {0, 3, 4, 3}};
    private static final int[] MELODY_PROGRAMS = {0, 11, 73, 56, 40, 24, 19, 65, 71, 80};
    private static final String[] MELODY_NAMES = {"piano", "vibraphone", "flute", "trumpet", "violin",
            "nylon guitar", "organ", "alto sax", "clarinet", "square lead"};
    private static final int[] CHORD_PROGRAMS = {48, 0, 89, 4, 19, 46};
    private static final String[] CHORD_NAMES = {"strings", "piano", "warm pad", "electric piano", "organ", "harp"};
    private static final int[] BASS_PROGRAMS = {32, 33, 38, 35};
    private static final String[] BASS_NAMES = {"acoustic bass", "finger bass", "synth bass", "fretless bass"};

    private PieceGenerator() {}

    /**
     * Generates one piece of about {@code seconds} seconds (whole bars of 4/4).
     *
     * @param name    the piece's file stem
     * @param seconds target length in seconds
     * @param random  the piece's own generator
     */
    public static Piece generate(String name, double seconds, SplittableRandom random) {
        int bpm = 80 + random.nextInt(71);
        int tonic = random.nextInt(12);
        boolean minor = random.nextBoolean();
        int[] scale = minor ? MINOR : MAJOR;
        int[] progression = PROGRESSIONS[random.nextInt(PROGRESSIONS.length)];
        int melody = random.nextInt(MELODY_PROGRAMS.length);
        int chords = random.nextInt(CHORD_PROGRAMS.length);
        int bass = random.nextInt(BASS_PROGRAMS.length);
        double secondsPerBar = 4 * 60.0 / bpm;
        int bars = Math.max(1, (int) Math.round(seconds / secondsPerBar));
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, PPQ);
            Track track = sequence.createTrack();
            tempo(track, bpm);
            program(track, 0, MELODY_PROGRAMS[melody]);
            program(track, 1, CHORD_PROGRAMS[chords]);
            program(track, 2, BASS_PROGRAMS[bass]);
            int root = 48 + tonic;
            int previous = root + 12 + scale[random.nextInt(scale.length)];
            for (int bar = 0; bar < bars; bar++) {
                long start = (long) bar * 4 * PPQ;
                int degree = progression[bar % progression.length];
                int[] chord = {note(root, scale, degree), note(root, scale, degree + 2), note(root, scale, degree + 4)};
                for (int pitch : chord) {
                    note(track, 1, pitch, 55 + random.nextInt(15), start, 4 * PPQ - 20);
                }
                bassLine(track, chord[0] - 12, start, random);
                previous = melodyBar(track, root + 12, scale, chord, previous, start, random);
                drums(track, start, bar == 0, random);
            }
            String key = NOTE_NAMES[tonic] + (minor ? " minor" : " major");
            String instruments = MELODY_NAMES[melody] + " / " + CHORD_NAMES[chords] + " / " + BASS_NAMES[bass];
            return new Piece(name, sequence, bpm, key, instruments, bars * secondsPerBar);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("generated an invalid MIDI event for " + name + ": " + e.getMessage(), e);
        }
    }

    /** Scale degree {@code degree} (may exceed 6: next octave) above {@code root}. */
    private static int note(int root, int[] scale, int degree) {
        return root + 12 * (degree / scale.length) + scale[degree % scale.length];
    }

    private static int melodyBar(Track track, int root, int[] scale, int[] chord, int previous, long start,
                                 SplittableRandom random) throws InvalidMidiDataException {
        long tick = 0;
        int pitch = previous;
        while (tick < 4 * PPQ) {
            long length = switch (random.nextInt(6)) {
                case 0 -> PPQ / 2;
                case 1, 2 -> PPQ;
                case 3 -> PPQ / 2;
                case 4 -> 2 * PPQ;
                default -> 3 * PPQ / 2;
            };
            length = Math.min(length, 4 * PPQ - tick);
            if (tick % PPQ == 0 && random.nextInt(3) > 0) {
                // On the beat: a chord tone near the previous note.
                pitch = nearest(chord[random.nextInt(chord.length)] + 12, pitch);
            } else {
                // Off the beat: a step along the scale.
                pitch = stepAlongScale(pitch, root, scale, random.nextBoolean() ? 1 : -1);
            }
            pitch = Math.max(root, Math.min(root + 19, pitch));
            if (random.nextInt(8) > 0) {
                note(track, 0, pitch, 80 + random.nextInt(30), start + tick, length - 30);
            }
            tick += length;
        }
        return pitch;
    }

    private static int nearest(int pitch, int target) {
        while (pitch - target > 6) {
            pitch -= 12;
        }
        while (target - pitch > 6) {
            pitch += 12;
        }
        return pitch;
    }

    private static int stepAlongScale(int pitch, int root, int[] scale, int direction) {
        int next = pitch + direction;
        while (!inScale(next, root, scale)) {
            next += direction;
        }
        return next;
    }

    private static boolean inScale(int pitch, int root, int[] scale) {
        int pc = Math.floorMod(pitch - root, 12);
        for (int s : scale) {
            if (s == pc) {
                return true;
            }
        }
        return false;
    }

    private static void bassLine(Track track, int bassRoot, long start, SplittableRandom random)
            throws InvalidMidiDataException {
        int style = random.nextInt(3);
        for (int beat = 0; beat < 4; beat++) {
            int pitch = switch (style) {
                case 0 -> bassRoot;
                case 1 -> beat % 2 == 0 ? bassRoot : bassRoot + 7;
                default -> bassRoot + new int[] {0, 7, 12, 7}[beat];
            };
            note(track, 2, pitch, 90 + random.nextInt(20), start + (long) beat * PPQ, PPQ - 40);
        }
    }

    private static void drums(Track track, long start, boolean crash, SplittableRandom random)
            throws InvalidMidiDataException {
        if (crash) {
            note(track, DRUM_CHANNEL, 49, 100, start, PPQ);
        }
        boolean busy = random.nextBoolean();
        for (int eighth = 0; eighth < 8; eighth++) {
            long tick = start + (long) eighth * PPQ / 2;
            note(track, DRUM_CHANNEL, eighth == 7 && busy ? 46 : 42, 60 + random.nextInt(30), tick, PPQ / 4);
            if (eighth == 0 || eighth == 4 || (busy && eighth == 5)) {
                note(track, DRUM_CHANNEL, 36, 110, tick, PPQ / 4);
            }
            if (eighth == 2 || eighth == 6) {
                note(track, DRUM_CHANNEL, 38, 100, tick, PPQ / 4);
            }
        }
    }

    private static void tempo(Track track, int bpm) throws InvalidMidiDataException {
        int microsPerQuarter = 60_000_000 / bpm;
        byte[] data = {(byte) (microsPerQuarter >> 16), (byte) (microsPerQuarter >> 8), (byte) microsPerQuarter};
        track.add(new MidiEvent(new javax.sound.midi.MetaMessage(0x51, data, 3), 0));
    }

    private static void program(Track track, int channel, int program) throws InvalidMidiDataException {
        track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, program, 0), 0));
    }

    private static void note(Track track, int channel, int pitch, int velocity, long tick, long length)
            throws InvalidMidiDataException {
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, channel, pitch, velocity), tick));
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, channel, pitch, 0), tick + Math.max(1, length)));
    }
}
