package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.audio.FiniteSamples;
import dev.rvqlm.tokenizer.audio.PcmAudio;
import dev.rvqlm.tokenizer.audio.Resampler;
import dev.rvqlm.tokenizer.audio.WavCodec;
import dev.rvqlm.tokenizer.audio.WavEncoding;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.InputFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reading and writing audio files. WAV is parsed in plain Java ({@link WavCodec}); FLAC, OGG Vorbis and MP3 go
 * through the {@code javax.sound.sampled} service providers on the class path (jflac-codec, vorbisspi, mp3spi).
 * Every error names the file.
 */
public final class AudioIO {

    /** File name endings treated as audio when a directory is listed. */
    public static final List<String> AUDIO_EXTENSIONS = List.of(".wav", ".wave", ".flac", ".ogg", ".oga", ".mp3");

    private AudioIO() {}

    /** Reads any supported file with all its channels at its own rate. */
    public static PcmAudio read(Path file) throws IOException {
        long size = InputFiles.requireRegularFile(file);
        // the bytes, the decoded float channels, a mono mix and a resampled copy: about 7 bytes per byte of 16-bit PCM
        InputFiles.requireHeapFor(file, size, Math.min(Long.MAX_VALUE / 8, size) * 7);
        return decode(InputFiles.readAllBytes(file), file);
    }

    /**
     * Decodes the bytes of an audio file read from any storage (a Hadoop file system, say); {@code file} names it in
     * messages.
     */
    public static PcmAudio decode(byte[] bytes, Path file) throws IOException {
        if (bytes.length == 0) {
            throw new IllegalArgumentException(file + ": empty file, not audio");
        }
        PcmAudio audio =
                WavCodec.looksLikeWav(bytes) ? WavCodec.decode(bytes, file) : readWithServiceProviders(bytes, file);
        if (audio.frames() == 0) {
            throw new IllegalArgumentException(file + ": holds no samples (0 frames of audio)");
        }
        FiniteSamples.require(audio, file);
        return audio;
    }

    /** Reads a file, mixes its channels to mono and resamples it to {@code targetRate} Hz (band-limited). */
    public static float[] readMono(Path file, int targetRate) throws IOException {
        return mono(read(file), targetRate);
    }

    /** Mixes decoded audio to mono and resamples it to {@code targetRate} Hz, as {@link #readMono} does. */
    public static float[] mono(PcmAudio audio, int targetRate) {
        return Resampler.resample(audio.mono(), audio.sampleRate(), targetRate);
    }

    /** Writes mono audio as a WAV file, atomically (temporary file in the same directory, then rename). */
    public static void writeWav(Path file, float[] mono, int sampleRate, WavEncoding encoding) throws IOException {
        AtomicFiles.replace(file, WavCodec.encode(mono, sampleRate, encoding));
    }

    /** Writes 16-bit PCM WAV. */
    public static void writeWav(Path file, float[] mono, int sampleRate) throws IOException {
        writeWav(file, mono, sampleRate, WavEncoding.PCM16);
    }

    /**
     * The audio files named by {@code paths}: a file is taken as it is, a directory is searched recursively for
     * {@link #AUDIO_EXTENSIONS}; the result is sorted within each directory.
     */
    public static List<Path> listAudio(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(AudioIO::hasAudioExtension)
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException("no such audio file or directory: " + p);
            }
        }
        return files;
    }

    static boolean hasAudioExtension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return AUDIO_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static PcmAudio readWithServiceProviders(byte[] bytes, Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(new ByteArrayInputStream(bytes));
                AudioInputStream source = AudioSystem.getAudioInputStream(in)) {
            AudioFormat src = source.getFormat();
            int channels = src.getChannels();
            AudioFormat pcm = new AudioFormat(
                    AudioFormat.Encoding.PCM_SIGNED,
                    src.getSampleRate(),
                    16,
                    channels,
                    2 * channels,
                    src.getSampleRate(),
                    false);
            byte[] raw;
            try (AudioInputStream decoded = AudioSystem.getAudioInputStream(pcm, source)) {
                raw = decoded.readAllBytes();
            }
            int frames = raw.length / (2 * channels);
            if (frames == 0) {
                throw new IllegalArgumentException(file + ": decoded to no samples (truncated or empty stream)");
            }
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float[][] out = new float[channels][frames];
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    out[c][i] = b.getShort() / 32768f;
                }
            }
            return new PcmAudio(Math.round(src.getSampleRate()), out);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(
                    file + ": not an audio file this build can read " + "(WAV, FLAC, OGG Vorbis, MP3)");
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": cannot decode audio: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot decode audio (corrupt or truncated): " + e, e);
        }
    }
}
