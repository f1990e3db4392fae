package dev.rvqlm.tokenizer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rvqlm.tokenizer.fine.FineLayout;
import dev.rvqlm.tokenizer.fine.FineStructure;
import dev.rvqlm.tokenizer.learned.LearnedCoder;
import dev.rvqlm.tokenizer.learned.LearnedShape;
import dev.rvqlm.tokenizer.rvq.Codebooks;
import dev.rvqlm.tokenizer.rvq.StageDiagnostics;
import dev.rvqlm.tokenizer.shaping.FrameShaper;
import dev.rvqlm.tokenizer.shaping.Shaping;
import dev.rvqlm.tokens.InputFiles;
import dev.rvqlm.tokens.TensorFile;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The codec file. Version 2 (written) is a {@link TensorFile} with magic {@code RVQCODEC}: the JSON header holds
 * the config, the kind ("classical", "learned" or "fine"), a learned or fine codec's {@link LearnedShape}, a fine
 * codec's {@link FineStructure}, the training summary with its diagnostics, and the tensor directory; the tensors
 * are {@code codebook.0..K-1} and, for a learned or fine codec, its networks' parameters and feature normalisation
 * (and {@code fine.scale}). Kind fine came later within version 2: files of the other kinds are written as before,
 * and a reader that predates it refuses a fine file by its unknown kind rather than decoding it wrongly. Version 1 (read only: classical files written before learned
 * codecs) is
 * <pre>
 *   8 bytes magic "RVQCODEC", int32 1, int32 header length + JSON header, float32 K·N·D codewords, int64 CRC-32
 * </pre>
 * Loading checks each part and names the file and the problem.
 */
final class CodecFile {

    static final byte[] MAGIC = "RVQCODEC".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 2;
    static final int LEGACY_VERSION = 1;

    private CodecFile() {}

    /** The JSON header of version 2: everything but the tensors. */
    record Header(
            int sampleRate,
            int hop,
            int codebooks,
            int codebookSize,
            int dimension,
            String shaping,
            String kind,
            LearnedShape learned,
            TrainingSummary training,
            // absent from files of the other kinds, so that they stay byte for byte what they were before kind fine
            @JsonInclude(JsonInclude.Include.NON_NULL) FineStructure fine) {}

    /** Version 1's header. */
    record LegacyHeader(
            int sampleRate,
            int hop,
            int codebooks,
            int codebookSize,
            int dimension,
            String shaping,
            LegacyTraining training) {}

    /** Version 1's training summary (classical EMA RVQ). */
    record LegacyTraining(
            long seed,
            int iterations,
            int batchSize,
            double decay,
            String init,
            String deadCodes,
            double dropout,
            long trainingFrames,
            double trainingSeconds,
            List<StageDiagnostics> stages) {

        TrainingSummary summary() {
            return new TrainingSummary(
                    ClassicalCoder.KIND,
                    seed,
                    String.format(
                            Locale.ROOT,
                            "EMA RVQ: %d iterations x %d frames, decay %.3f, init %s, dead codes: %s, dropout %.2f "
                                    + "(codec file version 1)",
                            iterations,
                            batchSize,
                            decay,
                            init,
                            deadCodes,
                            dropout),
                    trainingFrames,
                    trainingSeconds,
                    stages,
                    List.of(),
                    List.of(),
                    0,
                    0);
        }
    }

    static byte[] serialize(CodecConfig config, FeatureCoder coder, TrainingSummary training) {
        LearnedShape learned = coder instanceof LearnedCoder l ? l.network().shape() : null;
        FineStructure fine = coder instanceof LearnedCoder l && l.fine() != null
                ? l.fine().layout().structure()
                : null;
        Header header = new Header(
                config.sampleRate(),
                config.hop(),
                config.codebooks(),
                config.codebookSize(),
                config.dimension(),
                config.shaping().spec(),
                coder.kind(),
                learned,
                training,
                fine);
        return TensorFile.serialize(MAGIC, VERSION, header, coder.tensors(), coder.tensorShapes());
    }

    static Codec read(Path file) throws IOException {
        byte[] bytes = InputFiles.readAllBytes(file);
        if (!TensorFile.hasMagic(bytes, MAGIC)) {
            throw new CodecFileException(file, "not an rvqlm codec file (no RVQCODEC magic)");
        }
        if (bytes.length < MAGIC.length + 4) {
            throw new CodecFileException(file, "truncated: the file ends inside the header");
        }
        int version = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (version == LEGACY_VERSION) {
            return readLegacy(file, bytes);
        }
        if (version != VERSION) {
            throw new CodecFileException(
                    file,
                    "codec format version " + version + " is not supported (this rvqlm " + "reads versions "
                            + LEGACY_VERSION + " and " + VERSION + ")");
        }
        // the header first, so that a damaged header is reported as such rather than as a checksum mismatch
        Header header;
        try {
            header = TensorFile.JSON.treeToValue(TensorFile.header(file, bytes, MAGIC.length), Header.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CodecFileException(
                    file,
                    "corrupt header (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        CodecConfig config = config(
                file,
                header.sampleRate(),
                header.hop(),
                header.codebooks(),
                header.codebookSize(),
                header.shaping(),
                header.dimension());
        Map<String, float[]> tensors =
                TensorFile.read(file, bytes, MAGIC.length).tensors();
        FeatureCoder coder;
        try {
            if (ClassicalCoder.KIND.equals(header.kind())) {
                coder = classicalCoder(file, config, tensors);
            } else if (LearnedCoder.KIND.equals(header.kind()) || LearnedCoder.FINE_KIND.equals(header.kind())) {
                coder = learnedCoder(file, header, config, tensors);
            } else {
                throw new CodecFileException(
                        file, "unknown codec kind '" + header.kind() + "' (one of: classical, learned, fine)");
            }
        } catch (CodecFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CodecFileException(file, "corrupt: " + e.getMessage());
        }
        return new Codec(config, coder, header.training(), Codec.identityOf(bytes));
    }

    private static FeatureCoder classicalCoder(Path file, CodecConfig config, Map<String, float[]> tensors) {
        float[][] stages = new float[config.codebooks()][];
        for (int k = 0; k < stages.length; k++) {
            stages[k] = tensors.get("codebook." + k);
            if (stages[k] == null) {
                throw new CodecFileException(file, "corrupt: tensor codebook." + k + " is missing");
            }
        }
        return new ClassicalCoder(new Codebooks(config.codebookSize(), config.dimension(), stages));
    }

    /** A learned or fine coder: the kind decides whether the header must name a fine structure. */
    private static FeatureCoder learnedCoder(
            Path file, Header header, CodecConfig config, Map<String, float[]> tensors) {
        if (header.learned() == null) {
            throw new CodecFileException(
                    file, "corrupt header: a " + header.kind() + " codec without its network shape");
        }
        boolean fineKind = LearnedCoder.FINE_KIND.equals(header.kind());
        if (fineKind != (header.fine() != null)) {
            throw new CodecFileException(
                    file,
                    "corrupt header: kind " + header.kind() + (fineKind ? " without" : " with") + " a fine structure");
        }
        FineLayout fine = fineKind
                ? CodecTrainer.fineLayout(
                        config, new FrameShaper(config.shaping(), config.hop(), config.sampleRate()), header.fine())
                : null;
        return LearnedCoder.fromTensors(config, header.learned(), fine, tensors);
    }

    private static CodecConfig config(Path file, int rate, int hop, int k, int n, String shaping, int dimension) {
        CodecConfig config;
        try {
            config = CodecConfig.defaults().toBuilder()
                    .sampleRate(rate)
                    .hop(hop)
                    .codebooks(k)
                    .codebookSize(n)
                    .shaping(Shaping.parse(shaping))
                    .build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CodecFileException(file, "corrupt header: " + e.getMessage());
        }
        if (config.dimension() != dimension) {
            throw new CodecFileException(
                    file,
                    "corrupt header: dimension " + dimension + " but shaping " + shaping + " gives "
                            + config.dimension());
        }
        return config;
    }

    /** Version 1: a classical codec's codewords after the header. */
    private static Codec readLegacy(Path file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length + 4);
        try {
            int headerLength = in.getInt();
            if (headerLength < 2 || headerLength > in.remaining()) {
                throw new CodecFileException(
                        file,
                        "truncated or corrupt: header length " + headerLength + " but " + in.remaining()
                                + " bytes follow");
            }
            byte[] headerBytes = new byte[headerLength];
            in.get(headerBytes);
            LegacyHeader header;
            try {
                header = TensorFile.JSON.readValue(headerBytes, LegacyHeader.class);
            } catch (IOException e) {
                throw new CodecFileException(
                        file,
                        "corrupt header (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            CodecConfig config = config(
                    file,
                    header.sampleRate(),
                    header.hop(),
                    header.codebooks(),
                    header.codebookSize(),
                    header.shaping(),
                    header.dimension());
            long values = (long) config.codebooks() * config.codebookSize() * config.dimension();
            TensorFile.checkLength(file, bytes, in.position(), values);
            float[][] stages = new float[config.codebooks()][config.codebookSize() * config.dimension()];
            for (float[] stage : stages) {
                in.asFloatBuffer().get(stage);
                in.position(in.position() + 4 * stage.length);
            }
            TensorFile.checkCrc(file, bytes, in.position(), in.getLong());
            Codebooks books = new Codebooks(config.codebookSize(), config.dimension(), stages);
            TrainingSummary training =
                    header.training() == null ? null : header.training().summary();
            return new Codec(config, new ClassicalCoder(books), training, Codec.identityOf(bytes));
        } catch (BufferUnderflowException e) {
            throw new CodecFileException(file, "truncated: the file ends inside the header");
        }
    }
}
