package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import dev.rvqlm.tokenizer.shaping.Shaping;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code rvq codec train}: learns a codec from audio files and saves it. */
final class CodecTrainCommand implements Command {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a codec on audio files (k-means++ then EMA RVQ)";
    }

    static Options options() {
        CodecConfig d = CodecConfig.defaults();
        RvqTraining t = RvqTraining.defaults(0);
        return new Options()
                .addOption(Option.builder().longOpt("audio").hasArgs().argName("DIR|FILE")
                        .desc("training audio: files or directories (searched recursively); repeatable").get())
                .addOption(Arguments.valued("out", "FILE", "codec file to write, e.g. codec.rvq"))
                .addOption(Arguments.valued("codebooks", "K", "RVQ stages (default " + d.codebooks() + ")"))
                .addOption(Arguments.valued("codebook-size", "N", "codes per stage (default " + d.codebookSize() + ")"))
                .addOption(Arguments.valued("sample-rate", "HZ", "codec sample rate (default " + d.sampleRate() + ")"))
                .addOption(Arguments.valued("frame-rate", "FPS", "frames per second (default " + d.frameRate() + ")"))
                .addOption(Arguments.valued("iterations", "I", "EMA mini-batch updates (default " + t.iterations() + ")"))
                .addOption(Arguments.valued("batch-size", "B", "frames per mini-batch (default " + t.batchSize() + ")"))
                .addOption(Arguments.valued("seed", "S", "training seed (default 0)"))
                .addOption(Arguments.valued("dropout", "P", "quantizer dropout probability (default 0)"))
                .addOption(Arguments.valued("shaping", "SPEC", "vector shaping: plain | power:exponent=E | "
                        + "gain-shape:bands=B,exponent=E,weight=W,noise=match|off (default "
                        + Shaping.defaults().spec() + ")"))
                .addOption(Arguments.flag("help", "show this help"));
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out().print(Arguments.help("rvq codec train --audio DIR|FILE... --out codec.rvq", options,
                    "rvq codec train --audio data/train --out codec.rvq",
                    "rvq codec train --audio a.wav b.flac --out small.rvq --codebooks 4 --codebook-size 256 --iterations 50"));
            return 0;
        }
        CodecConfig d = CodecConfig.defaults();
        int rate = a.integer("sample-rate", d.sampleRate());
        CodecConfig config = CodecConfig.of(rate, a.real("frame-rate", d.frameRate()), a.integer("codebooks",
                d.codebooks()), a.integer("codebook-size", d.codebookSize()),
                a.has("shaping") ? Shaping.parse(a.string("shaping")) : Shaping.defaults());
        RvqTraining train = RvqTraining.defaults(a.longInteger("seed", 0))
                .withIterations(a.integer("iterations", RvqTraining.defaults(0).iterations()))
                .withBatchSize(a.integer("batch-size", RvqTraining.defaults(0).batchSize()))
                .withDropout(a.real("dropout", 0));
        Path out = Path.of(a.string("out"));
        List<AudioInputs.Input> inputs = AudioInputs.list(a.strings("audio"));
        long t0 = System.nanoTime();
        List<float[]> clips = AudioInputs.readAll(inputs, rate);
        double seconds = clips.stream().mapToLong(c -> c.length).sum() / (double) rate;
        terminal.err().printf("read %d files, %.1f min of audio in %.1f s%n", clips.size(), seconds / 60,
                (System.nanoTime() - t0) / 1e9);
        Codec codec;
        try (TrainingProgressBar bar = new TrainingProgressBar(terminal.err())) {
            codec = new CodecTrainer(config, train).train(clips, bar);
        }
        try (codec) {
            codec.save(out);
            terminal.err().printf("trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            terminal.out().printf("wrote %s%n", out);
            terminal.out().print(CodecInfoCommand.describe(codec));
        }
        return 0;
    }
}
