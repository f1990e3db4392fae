package dev.rvqlm.tokenizer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rvqlm.tokenizer.rvq.Codebooks;
import dev.rvqlm.tokenizer.shaping.Shaping;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The codec file format, version 1 (big-endian):
 * <pre>
 *   8 bytes   magic "RVQCODEC"
 *   int32     format version (1)
 *   int32     header length L, then L bytes of UTF-8 JSON: {@link Header} (config, training summary)
 *   float32   K·N·D codewords, stage by stage, codeword by codeword
 *   int64     CRC-32 of every byte before it
 * </pre>
 * Loading checks each of these and names the file and the problem.
 */
final class CodecFile {

    static final byte[] MAGIC = "RVQCODEC".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CodecFile() {}

    /** The JSON header: everything but the codewords. */
    record Header(int sampleRate, int hop, int codebooks, int codebookSize, int dimension, String shaping,
            TrainingSummary training) {}

    static byte[] serialize(CodecConfig config, Codebooks books, TrainingSummary training) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            byte[] header = JSON.writeValueAsBytes(new Header(config.sampleRate(), config.hop(), config.codebooks(),
                    config.codebookSize(), books.dimension(), config.shaping().spec(), training));
            out.writeInt(header.length);
            out.write(header);
            for (int k = 0; k < books.count(); k++) {
                for (float v : books.stage(k)) {
                    out.writeFloat(v);
                }
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("serialising a codec in memory failed", e);
        }
    }

    static Codec read(Path file) throws IOException {
        byte[] bytes = dev.rvqlm.tokens.InputFiles.readAllBytes(file);
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new CodecFileException(file, "not an rvqlm codec file (no RVQCODEC magic)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        try {
            int version = in.getInt();
            if (version != VERSION) {
                throw new CodecFileException(file, "codec format version " + version + " is not supported (this rvqlm "
                        + "reads version " + VERSION + ")");
            }
            int headerLength = in.getInt();
            if (headerLength < 2 || headerLength > in.remaining()) {
                throw new CodecFileException(file, "truncated or corrupt: header length " + headerLength + " but "
                        + in.remaining() + " bytes follow");
            }
            byte[] headerBytes = new byte[headerLength];
            in.get(headerBytes);
            Header header;
            try {
                header = JSON.readValue(headerBytes, Header.class);
            } catch (IOException e) {
                throw new CodecFileException(file, "corrupt header (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            CodecConfig config;
            try {
                config = new CodecConfig(header.sampleRate(), header.hop(), header.codebooks(), header.codebookSize(),
                        Shaping.parse(header.shaping()));
            } catch (IllegalArgumentException e) {
                throw new CodecFileException(file, "corrupt header: " + e.getMessage());
            }
            if (config.dimension() != header.dimension()) {
                throw new CodecFileException(file, "corrupt header: dimension " + header.dimension() + " but shaping "
                        + header.shaping() + " gives " + config.dimension());
            }
            long values = (long) config.codebooks() * config.codebookSize() * config.dimension();
            long expected = (long) in.position() + 4 * values + 8;
            if (bytes.length < expected) {
                throw new CodecFileException(file, "truncated: " + bytes.length + " bytes, the header promises "
                        + expected);
            }
            if (bytes.length > expected) {
                throw new CodecFileException(file, "corrupt: " + (bytes.length - expected) + " unexpected bytes at the end");
            }
            float[][] stages = new float[config.codebooks()][config.codebookSize() * config.dimension()];
            for (float[] stage : stages) {
                for (int i = 0; i < stage.length; i++) {
                    stage[i] = in.getFloat();
                }
            }
            int payloadEnd = in.position();
            long stored = in.getLong();
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, payloadEnd);
            if (crc.getValue() != stored) {
                throw new CodecFileException(file, "corrupt: checksum mismatch (the file was changed or damaged)");
            }
            Codebooks books = new Codebooks(config.codebookSize(), config.dimension(), stages);
            return new Codec(config, books, header.training(), Codec.identityOf(bytes));
        } catch (BufferUnderflowException e) {
            throw new CodecFileException(file, "truncated: the file ends inside the header");
        }
    }
}
