package dev.rvqlm.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rvqlm.tokenizer.fine.FineStructure;
import dev.rvqlm.tokenizer.learned.LearnedCoder;
import dev.rvqlm.tokenizer.learned.LearnedShape;
import dev.rvqlm.tokenizer.rvq.StageDiagnostics;
import dev.rvqlm.tokens.StreamStatistics;
import dev.rvqlm.tokens.TensorFile;
import java.util.List;

/** What {@code rvq codec info} and {@code codec train} print about a codec: text for people, JSON for tools. */
public final class CodecDescription {

    /** The JSON document. */
    public record Document(
            String codec,
            String kind,
            int sampleRate,
            int hop,
            double frameRate,
            int codebooks,
            int codebookSize,
            int dimension,
            String shaping,
            LearnedShape learned,
            FineStructure fine,
            Double lookAheadMs,
            TrainingSummary training) {}

    private CodecDescription() {}

    public static Document document(Codec codec) {
        CodecConfig c = codec.config();
        LearnedShape shape =
                codec.coder() instanceof LearnedCoder l ? l.network().shape() : null;
        return new Document(
                codec.identity(),
                codec.kind(),
                c.sampleRate(),
                c.hop(),
                c.frameRate(),
                c.codebooks(),
                c.codebookSize(),
                c.dimension(),
                c.shaping().spec(),
                shape,
                fine(codec),
                lookAheadMs(codec),
                codec.training());
    }

    /** The fine structure of a fine codec, or null. */
    static FineStructure fine(Codec codec) {
        return codec.coder() instanceof LearnedCoder l && l.fine() != null
                ? l.fine().layout().structure()
                : null;
    }

    /** Algorithmic latency: the MDCT's one frame plus the networks' look-ahead frames, in ms. */
    public static double lookAheadMs(Codec codec) {
        int frames = 1
                + (codec.coder() instanceof LearnedCoder l ? l.network().shape().lookAheadFrames() : 0);
        return 1000.0 * frames / codec.frameRate();
    }

    public static String json(Codec codec) {
        try {
            return TensorFile.JSON
                            .copy()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(document(codec))
                    + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("codec description does not serialise", e);
        }
    }

    /**
     * The kind and what it means, e.g. "fine: learned encoder/decoder; the VQ also codes the shapes (signs) of the
     * lowest 28 bands, 56 MDCT bins, up to 2100 Hz; odd stages code the latent, even stages 8 fine bins each".
     */
    static String kindInWords(Codec codec) {
        FineStructure fine = fine(codec);
        if (fine != null && codec.coder() instanceof LearnedCoder l) {
            String stages = fine.groupBins() == 0
                    ? "every stage codes the latent and the fine bins together"
                    : "odd stages code the latent, even stages " + fine.groupBins() + " fine bins each, lowest first";
            return String.format(
                    "%s: learned encoder/decoder; the VQ also codes the shapes (signs) of the lowest %d bands, "
                            + "%d MDCT bins, up to %.0f Hz; %s",
                    codec.kind(),
                    fine.bands(),
                    l.fine().layout().length(),
                    l.fine().layout().length()
                            * codec.sampleRate()
                            / 2.0
                            / codec.config().hop(),
                    stages);
        }
        return codec.kind();
    }

    public static String text(Codec codec) {
        CodecConfig c = codec.config();
        StringBuilder s = new StringBuilder();
        s.append(String.format("codec       %s (%s)%n", codec.identity(), kindInWords(codec)));
        s.append(String.format(
                "audio       %d Hz, hop %d samples, %.2f frames/s, latency %.1f ms%n",
                c.sampleRate(), c.hop(), c.frameRate(), lookAheadMs(codec)));
        s.append(String.format(
                "quantizer   K=%d codebooks x N=%d codes, on %d-dim %s, %.0f bit/s with all K%n",
                c.codebooks(),
                c.codebookSize(),
                codec.codebookValues().dimension(),
                fine(codec) != null
                        ? "latents + fine structure"
                        : codec.coder() instanceof LearnedCoder ? "latents" : "features",
                c.bitrate(c.codebooks())));
        s.append(String.format("shaping     %s (D=%d)%n", c.shaping().spec(), c.dimension()));
        TrainingSummary t = codec.training();
        if (t == null) {
            return s.toString();
        }
        s.append(String.format("training    seed %d; %s%n", t.seed(), t.settings()));
        s.append(String.format(
                "data        %d frames, %.1f min of audio%n", t.trainingFrames(), t.trainingSeconds() / 60));
        s.append(stageTable(c, t));
        return s.toString();
    }

    /** Per stage: bitrate, perplexity, usage, dead codes, residual, log-mel and the stream's statistics. */
    private static String stageTable(CodecConfig c, TrainingSummary t) {
        StringBuilder s = new StringBuilder();
        List<TrainingSummary.LadderPoint> ladder = t.ladder();
        List<StreamStatistics.Stream> streams = t.streams();
        s.append(
                t.usageSeconds() > 0
                        ? String.format(
                                "%nper stage: codes counted on %.0f s of the training audio; feature dB and log-mel on "
                                        + "%.0f s (a slice of every clip):%n",
                                t.usageSeconds(), t.ladderSeconds())
                        : String.format(
                                "%nper stage, on up to %.0f s of the training audio (a slice of every clip):%n",
                                CodecTrainer.DIAGNOSTIC_SECONDS));
        s.append(String.format(
                "%-4s %7s %10s %7s %6s %11s %8s %8s %9s %9s%n",
                "k",
                "kbit/s",
                "perplexity",
                "usage%",
                "dead",
                "feature dB",
                "log-mel",
                "H bits",
                "I(k;k-1)",
                "I(k;t-1)"));
        for (StageDiagnostics d : t.stages()) {
            int k = d.stage();
            String mel =
                    k < ladder.size() ? String.format("%8.4f", ladder.get(k).logMel()) : String.format("%8s", "-");
            String h = k < streams.size()
                    ? String.format(
                            "%8.2f %9.2f %9.2f",
                            streams.get(k).entropy(),
                            streams.get(k).dependenceOnPrevious(),
                            streams.get(k).dependenceOnPreviousFrame())
                    : String.format("%8s %9s %9s", "-", "-", "-");
            s.append(String.format(
                    "%-4d %7.2f %10.1f %7.1f %6d %11.2f %s %s%n",
                    k + 1,
                    c.bitrate(k + 1) / 1000,
                    d.perplexity(),
                    d.usagePercent(),
                    d.deadCodes(),
                    d.relativeResidualDb(),
                    mel,
                    h));
        }
        return s.toString();
    }
}
