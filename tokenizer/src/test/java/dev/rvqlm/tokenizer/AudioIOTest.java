package dev.rvqlm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.audio.PcmAudio;
import dev.rvqlm.tokenizer.audio.WavEncoding;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudioIOTest {

    @TempDir
    Path dir;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(AudioIOTest.class.getResource("/" + name).toURI());
    }

    /** A WAV file with the given format fields and raw sample bytes. */
    static byte[] wav(
            int tag, int channels, int rate, int bits, byte[] data, int blockAlignOverride, long dataSizeOverride) {
        boolean extensible = tag == 0xFFFE;
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + fmtSize + 8 + data.length);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmtSize);
        int blockAlign = blockAlignOverride > 0 ? blockAlignOverride : channels * bits / 8;
        b.putShort((short) tag)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) bits);
        if (extensible) {
            b.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short)
                    1); // cbSize, valid bits, mask, PCM
            b.put(new byte[14]);
        }
        b.put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) (dataSizeOverride >= 0 ? dataSizeOverride : data.length));
        b.put(data);
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void pcm16RoundTripsAndFloatKeepsValues() throws IOException {
        float[] x = Signals.sine(440, 0.5, 24000, 2400);
        Path p16 = dir.resolve("a.wav");
        AudioIO.writeWav(p16, x, 24000);
        PcmAudio a = AudioIO.read(p16);
        assertEquals(24000, a.sampleRate());
        assertArrayEquals(x, a.mono(), 1f / 32768 + 1e-7f);
        Path pf = dir.resolve("f.wav");
        AudioIO.writeWav(pf, x, 16000, WavEncoding.FLOAT32);
        assertArrayEquals(x, AudioIO.read(pf).mono(), 0f);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void readsEveryPcmWidthAndFloat64() throws IOException {
        // The value 0.5 (and -0.25) in each encoding.
        assertArrayEquals(
                new float[] {0.5f, -0.25f},
                AudioIO.read(write("u8.wav", wav(1, 1, 8000, 8, new byte[] {(byte) 192, (byte) 96}, 0, -1)))
                        .mono(),
                0f);
        ByteBuffer s24 = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        s24.put((byte) 0)
                .put((byte) 0)
                .put((byte) 0x40)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0xE0);
        assertArrayEquals(
                new float[] {0.5f, -0.25f},
                AudioIO.read(write("s24.wav", wav(1, 1, 8000, 24, s24.array(), 0, -1)))
                        .mono(),
                0f);
        ByteBuffer s32 = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(1 << 30)
                .putInt(-(1 << 29));
        assertArrayEquals(
                new float[] {0.5f, -0.25f},
                AudioIO.read(write("s32.wav", wav(1, 1, 8000, 32, s32.array(), 0, -1)))
                        .mono(),
                0f);
        ByteBuffer f64 = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(0.5)
                .putDouble(-0.25);
        assertArrayEquals(
                new float[] {0.5f, -0.25f},
                AudioIO.read(write("f64.wav", wav(3, 1, 8000, 64, f64.array(), 0, -1)))
                        .mono(),
                0f);
        ByteBuffer ext = ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 16384)
                .putShort((short) -8192);
        assertArrayEquals(
                new float[] {0.5f, -0.25f},
                AudioIO.read(write("ext.wav", wav(0xFFFE, 1, 8000, 16, ext.array(), 0, -1)))
                        .mono(),
                0f);
    }

    @Test
    void multiChannelIsMixedToMonoAndResampled() throws IOException {
        ByteBuffer st = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 16384)
                .putShort((short) 0)
                .putShort((short) -16384)
                .putShort((short) -16384);
        PcmAudio a = AudioIO.read(write("st.wav", wav(1, 2, 8000, 16, st.array(), 0, -1)));
        assertEquals(2, a.channels().length);
        assertArrayEquals(new float[] {0.25f, -0.5f}, a.mono(), 0f);
        float[] x = Signals.sine(440, 0.5, 8000, 8000);
        Path p = dir.resolve("s.wav");
        AudioIO.writeWav(p, x, 8000);
        assertEquals(24000, AudioIO.readMono(p, 24000).length);
    }

    @Test
    void flacIsSampleExact() throws Exception {
        float[] wav = AudioIO.read(resource("audio/sine440.wav")).mono();
        PcmAudio flac = AudioIO.read(resource("audio/sine440.flac"));
        assertEquals(8000, flac.sampleRate());
        assertArrayEquals(wav, flac.mono(), 0f);
        PcmAudio stereo = AudioIO.read(resource("audio/stereo.flac"));
        assertEquals(2, stereo.channels().length);
        assertEquals(8000, stereo.frames());
    }

    @Test
    void oggVorbisDecodesCloseToTheSource() throws Exception {
        float[] wav = AudioIO.readMono(resource("audio/sine440.wav"), 24000); // 8 kHz source, resampled by us
        PcmAudio ogg = AudioIO.read(resource("audio/sine440.ogg")); // resampled by sox, then Vorbis
        assertEquals(24000, ogg.sampleRate());
        assertTrue(Math.abs(ogg.frames() - wav.length) < 2400, "decoded " + ogg.frames() + " of " + wav.length);
        int n = Math.min(wav.length, ogg.frames()) - 2400;
        double error = Signals.relativeError(
                Arrays.copyOfRange(wav, 2400, n), Arrays.copyOfRange(ogg.mono(), 2400, n), n - 2400);
        assertTrue(error < 0.1, "lossy but close: relative error " + error);
    }

    @Test
    void listsAudioInDirectoriesSorted() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        AudioIO.writeWav(dir.resolve("sub/b.wav"), new float[10], 8000);
        AudioIO.writeWav(dir.resolve("a.wav"), new float[10], 8000);
        Files.writeString(dir.resolve("notes.txt"), "not audio");
        List<Path> files = AudioIO.listAudio(List.of(dir));
        assertEquals(List.of(dir.resolve("a.wav"), dir.resolve("sub/b.wav")), files);
    }

    @Test
    void textIsNotAudio() throws IOException {
        Path p = write("notes.wav", "hello, this is not audio at all".getBytes(StandardCharsets.US_ASCII));
        var e = assertThrows(IllegalArgumentException.class, () -> AudioIO.read(p));
        assertTrue(
                e.getMessage().startsWith(p.toString()) && e.getMessage().contains("not an audio file"),
                e.getMessage());
        Path empty = write("empty.wav", new byte[0]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AudioIO.read(empty))
                .getMessage()
                .contains("empty file"));
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 30, 46})
    void truncatedWavNamesTheFile(int keep) throws IOException {
        byte[] full = wav(1, 1, 8000, 16, new byte[400], 0, -1);
        Path p = write("cut.wav", Arrays.copyOf(full, full.length - 400 + keep));
        var e = assertThrows(IllegalArgumentException.class, () -> AudioIO.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    }

    @Test
    void headerThatLiesIsRejected() throws IOException {
        Path size = write("size.wav", wav(1, 1, 8000, 16, new byte[100], 0, 5000));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AudioIO.read(size))
                .getMessage()
                .contains("truncated: header promises 5000 bytes"));
        Path align = write("align.wav", wav(1, 2, 8000, 16, new byte[100], 2, -1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AudioIO.read(align))
                .getMessage()
                .contains("inconsistent: block align 2"));
        Path bits = write("bits.wav", wav(1, 1, 8000, 12, new byte[100], 2, -1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AudioIO.read(bits))
                .getMessage()
                .contains("12 bits"));
        Path odd = write("odd.wav", wav(1, 1, 8000, 16, new byte[101], 0, -1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AudioIO.read(odd))
                .getMessage()
                .contains("not a whole number"));
        Path zeroRate = write("rate.wav", wav(1, 1, 0, 16, new byte[10], 0, -1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AudioIO.read(zeroRate))
                .getMessage()
                .contains("sample rate 0"));
    }
}
