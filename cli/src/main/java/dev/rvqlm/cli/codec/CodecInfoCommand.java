package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.TrainingSummary;
import dev.rvqlm.tokenizer.rvq.StageDiagnostics;
import java.nio.file.Path;
import java.util.List;

/** {@code rvq codec info codec.rvq}: prints config and diagnostics. */
final class CodecInfoCommand implements Command {

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "print a codec's config and per-codebook diagnostics";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        List<String> words = args.stream().filter(w -> !w.equals("--codec")).toList();
        if (words.size() == 1 && (words.get(0).equals("--help") || words.get(0).equals("-h"))) {
            terminal.out().println("usage: rvq codec info CODEC_FILE\nexample:\n  rvq codec info codec.rvq");
            return 0;
        }
        if (words.size() != 1 || words.get(0).startsWith("-")) {
            throw new UsageException("usage: rvq codec info CODEC_FILE");
        }
        try (Codec codec = Codec.load(Path.of(words.get(0)))) {
            terminal.out().print(describe(codec));
        }
        return 0;
    }

    static String describe(Codec codec) {
        CodecConfig c = codec.config();
        StringBuilder s = new StringBuilder();
        s.append(String.format("codec       %s%n", codec.identity()));
        s.append(String.format("audio       %d Hz, hop %d samples, %.2f frames/s%n", c.sampleRate(), c.hop(), c.frameRate()));
        s.append(String.format("quantizer   K=%d codebooks x N=%d codes, D=%d, %.0f bit/s with all K%n", c.codebooks(),
                c.codebookSize(), c.dimension(), c.bitrate(c.codebooks())));
        s.append(String.format("shaping     %s%n", c.shaping().spec()));
        TrainingSummary t = codec.training();
        if (t != null) {
            s.append(String.format("training    seed %d, %d iterations x %d frames, decay %.3f, init %s, dead codes: %s, "
                    + "dropout %.2f%n", t.seed(), t.iterations(), t.batchSize(), t.decay(), t.init(), t.deadCodes(),
                    t.dropout()));
            s.append(String.format("data        %d frames, %.1f min of audio%n", t.trainingFrames(), t.trainingSeconds() / 60));
            s.append(String.format("%-4s %9s %10s %8s %8s %12s %12s%n", "k", "kbit/s", "perplexity", "usage%", "dead",
                    "residual", "residual dB"));
            for (StageDiagnostics d : t.stages()) {
                s.append(String.format("%-4d %9.2f %10.1f %8.1f %8d %12.5f %12.2f%n", d.stage() + 1,
                        c.bitrate(d.stage() + 1) / 1000, d.perplexity(), d.usagePercent(), d.deadCodes(), d.residualRms(),
                        d.relativeResidualDb()));
            }
        }
        return s.toString();
    }
}
