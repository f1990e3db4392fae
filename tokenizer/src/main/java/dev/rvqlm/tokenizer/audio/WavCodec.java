package dev.rvqlm.tokenizer.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * RIFF/WAVE parsing and writing in plain Java: PCM 8 (unsigned), 16, 24 and 32-bit, IEEE float 32 and 64-bit,
 * plain or {@code WAVE_FORMAT_EXTENSIBLE}, any rate and channel count. Every inconsistency between the header and
 * the bytes is an error naming the file: a header that lies is never silently repaired.
 */
public final class WavCodec {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long STREAMING_SIZE = 0xFFFFFFFFL;

    private WavCodec() {}

    /** True when {@code bytes} start like a RIFF/WAVE file. */
    public static boolean looksLikeWav(byte[] bytes) {
        return bytes.length >= 12
                && ascii(bytes, 0).equals("RIFF")
                && ascii(bytes, 8).equals("WAVE");
    }

    /** Decodes a whole WAV file held in memory; {@code file} only names it in errors. */
    public static PcmAudio decode(byte[] bytes, Path file) {
        if (!looksLikeWav(bytes)) {
            throw new IllegalArgumentException(file + ": not a RIFF/WAVE file");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(12);
        Format format = null;
        while (buf.remaining() >= 8) {
            String id = ascii(bytes, buf.position());
            buf.position(buf.position() + 4);
            long size = Integer.toUnsignedLong(buf.getInt());
            int start = buf.position();
            if (id.equals("fmt ")) {
                if (size < 16 || size > buf.remaining()) {
                    throw new IllegalArgumentException(
                            file + ": truncated or malformed 'fmt ' chunk (" + size + " bytes)");
                }
                format = Format.parse(buf.duplicate().order(ByteOrder.LITTLE_ENDIAN), (int) size, file);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new IllegalArgumentException(file + ": 'data' chunk comes before any 'fmt ' chunk");
                }
                long available = bytes.length - start;
                if (size == STREAMING_SIZE) {
                    size = available - available % format.blockAlign;
                }
                if (size > available) {
                    throw new IllegalArgumentException(file + ": truncated: header promises " + size
                            + " bytes of samples but only " + available + " follow");
                }
                if (size % format.blockAlign != 0) {
                    throw new IllegalArgumentException(file + ": 'data' chunk of " + size
                            + " bytes is not a whole number of " + format.blockAlign + "-byte frames");
                }
                checkNothingHiddenAfter(bytes, start + size + (size & 1), size, file);
                return new PcmAudio(format.sampleRate, samples(buf, start, (int) size, format));
            }
            long next = start + size + (size & 1);
            if (next > bytes.length) {
                throw new IllegalArgumentException(file + ": truncated: chunk '" + id.strip() + "' claims " + size
                        + " bytes but the file ends first");
            }
            buf.position((int) next);
        }
        throw new IllegalArgumentException(
                file + ": WAV file has no 'data' chunk" + (format == null ? " and no 'fmt ' chunk" : ""));
    }

    /**
     * After the 'data' chunk only further chunks may follow (LIST, id3, …). Anything else means the data-size field
     * is smaller than the samples actually written: reading it as it says would silently drop audio.
     */
    private static void checkNothingHiddenAfter(byte[] bytes, long end, long dataSize, Path file) {
        long at = end;
        while (at + 8 <= bytes.length) {
            String id = ascii(bytes, (int) at);
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, (int) at + 4, 4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getInt());
            if (!id.chars().allMatch(c -> c >= 0x20 && c < 0x7F) || at + 8 + size > bytes.length) {
                throw new IllegalArgumentException(file + ": the 'data' chunk says " + dataSize + " bytes but "
                        + (bytes.length - end) + " more bytes follow that are not a chunk: the header's data size is "
                        + "wrong (rewrite the file, e.g. with sox or ffmpeg)");
            }
            at += 8 + size + (size & 1);
        }
    }

    private static float[][] samples(ByteBuffer buf, int start, int size, Format f) {
        int frames = size / f.blockAlign;
        float[][] channels = new float[f.channels][frames];
        int bytesPer = f.bits / 8;
        int pos = start;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < f.channels; c++) {
                channels[c][i] = sample(buf, pos, bytesPer, f.isFloat);
                pos += bytesPer;
            }
        }
        return channels;
    }

    private static float sample(ByteBuffer buf, int pos, int bytesPer, boolean isFloat) {
        if (isFloat) {
            return bytesPer == 4 ? buf.getFloat(pos) : (float) buf.getDouble(pos);
        }
        return switch (bytesPer) {
            case 1 -> ((buf.get(pos) & 0xFF) - 128) / 128f;
            case 2 -> buf.getShort(pos) / 32768f;
            case 3 ->
                (((buf.get(pos + 2) << 16) | ((buf.get(pos + 1) & 0xFF) << 8) | (buf.get(pos) & 0xFF))) / 8388608f;
            case 4 -> (float) (buf.getInt(pos) / 2147483648.0);
            default -> throw new IllegalStateException("unsupported sample width " + bytesPer);
        };
    }

    /** Encodes mono samples (nominally in [-1, 1]) as a WAV file; PCM16 clips, FLOAT32 keeps values as they are. */
    public static byte[] encode(float[] mono, int sampleRate, WavEncoding encoding) {
        int bytesPer = encoding == WavEncoding.PCM16 ? 2 : 4;
        int dataSize = mono.length * bytesPer;
        ByteBuffer buf = ByteBuffer.allocate(44 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
        buf.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataSize);
        buf.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        buf.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        buf.putShort((short) (encoding == WavEncoding.PCM16 ? FORMAT_PCM : FORMAT_FLOAT))
                .putShort((short) 1);
        buf.putInt(sampleRate)
                .putInt(sampleRate * bytesPer)
                .putShort((short) bytesPer)
                .putShort((short) (8 * bytesPer));
        buf.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataSize);
        for (float v : mono) {
            if (encoding == WavEncoding.PCM16) {
                buf.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768f))));
            } else {
                buf.putFloat(v);
            }
        }
        return buf.array();
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, Math.min(4, bytes.length - offset), StandardCharsets.US_ASCII);
    }

    private record Format(int channels, int sampleRate, int blockAlign, int bits, boolean isFloat) {

        static Format parse(ByteBuffer b, int size, Path file) {
            int start = b.position();
            int tag = Short.toUnsignedInt(b.getShort(start));
            int channels = Short.toUnsignedInt(b.getShort(start + 2));
            long rate = Integer.toUnsignedLong(b.getInt(start + 4));
            int blockAlign = Short.toUnsignedInt(b.getShort(start + 12));
            int bits = Short.toUnsignedInt(b.getShort(start + 14));
            if (tag == FORMAT_EXTENSIBLE) {
                if (size < 40) {
                    throw new IllegalArgumentException(
                            file + ": WAVE_FORMAT_EXTENSIBLE header is " + size + " bytes, needs 40");
                }
                tag = Short.toUnsignedInt(b.getShort(start + 24));
            }
            if (tag != FORMAT_PCM && tag != FORMAT_FLOAT) {
                throw new IllegalArgumentException(
                        file + ": unsupported WAV encoding (format tag " + tag + "); only PCM and IEEE float are read");
            }
            boolean isFloat = tag == FORMAT_FLOAT;
            if (channels < 1) {
                throw new IllegalArgumentException(file + ": WAV header says " + channels + " channels");
            }
            if (rate < 1 || rate > 1_000_000) {
                throw new IllegalArgumentException(file + ": WAV header says sample rate " + rate + " Hz");
            }
            boolean bitsOk =
                    isFloat ? (bits == 32 || bits == 64) : (bits == 8 || bits == 16 || bits == 24 || bits == 32);
            if (!bitsOk) {
                throw new IllegalArgumentException(
                        file + ": unsupported " + (isFloat ? "float" : "PCM") + " sample width of " + bits + " bits");
            }
            if (blockAlign != channels * bits / 8) {
                throw new IllegalArgumentException(file + ": WAV header is inconsistent: block align " + blockAlign
                        + " bytes for " + channels + " channels of " + bits + " bits");
            }
            return new Format(channels, (int) rate, blockAlign, bits, isFloat);
        }
    }
}
