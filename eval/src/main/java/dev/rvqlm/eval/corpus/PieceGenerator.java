package dev.rvqlm.eval.corpus;

import java.util.SplittableRandom;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * Writes a short piece of music as a MIDI sequence: a chord progression in a random key, mode and meter (3/4 or
 * 4/4), a melody that walks the scale and lands on chord tones, chords held, arpeggiated or played as stabs, a bass
 * line, and one of three drum grooves or none, each on its own General MIDI instrument. Everything is drawn from the
 * given generator, so one seed gives one piece.
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

    private static final int[] MELODY_PROGRAMS = {0, 11, 73, 56, 40, 24, 19, 65, 71, 80, 68, 60, 13, 25, 81, 104};
    private static final String[] MELODY_NAMES = {
        "piano",
        "vibraphone",
        "flute",
        "trumpet",
        "violin",
        "nylon guitar",
        "organ",
        "alto sax",
        "clarinet",
        "square lead",
        "oboe",
        "french horn",
        "xylophone",
        "steel guitar",
        "saw lead",
        "sitar"
    };
    private static final int[] CHORD_PROGRAMS = {48, 0, 89, 4, 19, 46, 52, 61, 27, 16};
    private static final String[] CHORD_NAMES = {
        "strings",
        "piano",
        "warm pad",
        "electric piano",
        "organ",
        "harp",
        "choir",
        "brass section",
        "clean guitar",
        "drawbar organ"
    };
    private static final int[] BASS_PROGRAMS = {32, 33, 38, 35, 34, 39};
    private static final String[] BASS_NAMES = {
        "acoustic bass", "finger bass", "synth bass", "fretless bass", "picked bass", "synth bass 2"
    };
    private static final String[] CHORD_STYLES = {"held", "arpeggio", "stabs"};
    private static final String[] GROOVES = {"no drums", "rock", "half-time", "shuffle"};

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
        int beats = random.nextInt(3) == 0 ? 3 : 4;
        int chordStyle = random.nextInt(CHORD_STYLES.length);
        int groove = random.nextInt(GROOVES.length);
        double secondsPerBar = beats * 60.0 / bpm;
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
                long start = (long) bar * beats * PPQ;
                int degree = progression[bar % progression.length];
                int[] chord = {note(root, scale, degree), note(root, scale, degree + 2), note(root, scale, degree + 4)};
                chords(track, chord, chordStyle, beats, start, random);
                bassLine(track, chord[0] - 12, beats, start, random);
                previous = melodyBar(track, root + 12, scale, chord, previous, beats, start, random);
                drums(track, groove, beats, start, bar == 0, random);
            }
            String key = NOTE_NAMES[tonic] + (minor ? " minor" : " major");
            String instruments = MELODY_NAMES[melody] + " / " + CHORD_NAMES[chords] + " (" + CHORD_STYLES[chordStyle]
                    + ") / " + BASS_NAMES[bass] + "; " + beats + "/4, " + GROOVES[groove];
            return new Piece(name, sequence, bpm, key, instruments, bars * secondsPerBar);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("generated an invalid MIDI event for " + name + ": " + e.getMessage(), e);
        }
    }

    /** Scale degree {@code degree} (may exceed 6: next octave) above {@code root}. */
    private static int note(int root, int[] scale, int degree) {
        return root + 12 * (degree / scale.length) + scale[degree % scale.length];
    }

    private static void chords(Track track, int[] chord, int style, int beats, long start, SplittableRandom random)
            throws InvalidMidiDataException {
        int velocity = 55 + random.nextInt(15);
        switch (style) {
            case 0 -> {
                for (int pitch : chord) {
                    note(track, 1, pitch, velocity, start, (long) beats * PPQ - 20);
                }
            }
            case 1 -> {
                for (int eighth = 0; eighth < 2 * beats; eighth++) {
                    int pitch = chord[eighth % chord.length] + (eighth / chord.length % 2 == 1 ? 12 : 0);
                    note(track, 1, pitch, velocity, start + (long) eighth * PPQ / 2, PPQ / 2 - 10);
                }
            }
            default -> {
                for (int beat = 1; beat < beats; beat += 2) {
                    for (int pitch : chord) {
                        note(track, 1, pitch, velocity + 10, start + (long) beat * PPQ, PPQ / 3);
                    }
                }
            }
        }
    }

    private static int melodyBar(
            Track track,
            int root,
            int[] scale,
            int[] chord,
            int previous,
            int beats,
            long start,
            SplittableRandom random)
            throws InvalidMidiDataException {
        long tick = 0;
        int pitch = previous;
        while (tick < (long) beats * PPQ) {
            long length = switch (random.nextInt(6)) {
                case 0 -> PPQ / 2;
                case 1, 2 -> PPQ;
                case 3 -> PPQ / 2;
                case 4 -> 2 * PPQ;
                default -> 3 * PPQ / 2;
            };
            length = Math.min(length, (long) beats * PPQ - tick);
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

    private static void bassLine(Track track, int bassRoot, int beats, long start, SplittableRandom random)
            throws InvalidMidiDataException {
        int style = random.nextInt(3);
        for (int beat = 0; beat < beats; beat++) {
            int pitch = switch (style) {
                case 0 -> bassRoot;
                case 1 -> beat % 2 == 0 ? bassRoot : bassRoot + 7;
                default -> bassRoot + new int[] {0, 7, 12, 7}[beat];
            };
            note(track, 2, pitch, 90 + random.nextInt(20), start + (long) beat * PPQ, PPQ - 40);
        }
    }

    /** Groove 0: none; 1: rock (hi-hat eighths, kick on 1 and 3, snare on 2 and 4); 2: half-time; 3: shuffle. */
    private static void drums(Track track, int groove, int beats, long start, boolean crash, SplittableRandom random)
            throws InvalidMidiDataException {
        if (groove == 0) {
            return;
        }
        if (crash) {
            note(track, DRUM_CHANNEL, 49, 100, start, PPQ);
        }
        boolean busy = random.nextBoolean();
        int eighths = 2 * beats;
        for (int eighth = 0; eighth < eighths; eighth++) {
            // the shuffle delays every off-beat eighth to the last third of its beat
            long offset = groove == 3 && eighth % 2 == 1 ? 2L * PPQ / 3 : (long) (eighth % 2) * PPQ / 2;
            long tick = start + (long) (eighth / 2) * PPQ + offset;
            int cymbal = groove == 2 ? 51 : eighth == eighths - 1 && busy ? 46 : 42;
            note(track, DRUM_CHANNEL, cymbal, 60 + random.nextInt(30), tick, PPQ / 4);
            boolean kick = groove == 2
                    ? eighth == 0 || (busy && eighth == 3)
                    : eighth == 0 || eighth == 4 || (busy && eighth == 5);
            boolean snare = groove == 2 ? eighth == 4 : eighth % 4 == 2;
            if (kick) {
                note(track, DRUM_CHANNEL, 36, 110, tick, PPQ / 4);
            }
            if (snare) {
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
        track.add(
                new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, channel, pitch, 0), tick + Math.max(1, length)));
    }
}
