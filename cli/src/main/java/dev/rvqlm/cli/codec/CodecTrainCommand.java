package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecDescription;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.CodecTraining;
import dev.rvqlm.tokenizer.learned.LearnedShape;
import dev.rvqlm.tokenizer.learned.LearnedTrainer;
import dev.rvqlm.tokenizer.learned.LearnedTraining;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import dev.rvqlm.tokenizer.shaping.Shaping;
import dev.rvqlm.tokens.AtomicFiles;
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
        return "train a codec on audio files: learned (encoder, RVQ on latents, decoder) or classical (RVQ)";
    }

    static Options options() {
        CodecConfig d = CodecConfig.defaults();
        RvqTraining t = RvqTraining.defaults(0);
        LearnedTraining l = LearnedTraining.defaults(0);
        LearnedShape ls = LearnedShape.defaults();
        return new Options()
                .addOption(Arguments.valued(
                        "kind",
                        "KIND",
                        "learned | classical (default "
                                + CodecTraining.defaults(0).kind() + ")"))
                .addOption(Option.builder()
                        .longOpt("audio")
                        .hasArgs()
                        .argName("DIR|FILE")
                        .desc("training audio: files or directories (searched recursively); repeatable")
                        .get())
                .addOption(Arguments.valued("out", "FILE", "codec file to write, e.g. codec.rvq"))
                .addOption(Arguments.valued("codebooks", "K", "RVQ stages (default " + d.codebooks() + ")"))
                .addOption(Arguments.valued("codebook-size", "N", "codes per stage (default " + d.codebookSize() + ")"))
                .addOption(Arguments.valued("sample-rate", "HZ", "codec sample rate (default " + d.sampleRate() + ")"))
                .addOption(Arguments.valued("frame-rate", "FPS", "frames per second (default " + d.frameRate() + ")"))
                .addOption(Arguments.valued(
                        "iterations", "I", "classical: EMA mini-batch updates (default " + t.iterations() + ")"))
                .addOption(Arguments.valued(
                        "batch-size", "B", "classical: frames per mini-batch (default " + t.batchSize() + ")"))
                .addOption(Arguments.valued("seed", "S", "training seed (default 0)"))
                .addOption(Arguments.valued(
                        "dropout",
                        "P",
                        "quantizer dropout probability (default: classical 0, " + "learned " + l.vq().dropout() + ")"))
                .addOption(Arguments.valued("steps", "N", "learned: Adam steps (default " + l.steps() + ")"))
                .addOption(Arguments.valued(
                        "learning-rate", "LR", "learned: peak Adam rate (default " + l.learningRate() + ")"))
                .addOption(Arguments.valued("latent", "Z", "learned: latent dimension (default " + ls.latent() + ")"))
                .addOption(Arguments.valued("hidden", "H", "learned: hidden units (default " + ls.hidden() + ")"))
                .addOption(Arguments.valued(
                        "context",
                        "P,F,P,F",
                        "learned: encoder past,future frames and decoder "
                                + "past,future latents (default " + ls.encoderPast() + "," + ls.encoderFuture() + ","
                                + ls.decoderPast() + "," + ls.decoderFuture() + ")"))
                .addOption(Arguments.valued(
                        "commitment", "BETA", "learned: commitment loss weight (default " + l.vq().commitment() + ")"))
                .addOption(Arguments.valued(
                        "jitter",
                        "S",
                        "learned: latent noise before quantisation, relative " + "(default " + l.vq().jitter()
                                + "; 0: off)"))
                .addOption(Arguments.valued(
                        "temperature",
                        "T",
                        "learned: stochastic code assignment in stage 1 among the 8 " + "nearest (default "
                                + l.vq().temperature() + "; 0: nearest only)"))
                .addOption(Arguments.valued(
                        "dead-threshold",
                        "S",
                        "learned: reset codes used below this share of " + "uniform use (default "
                                + l.vq().deadThreshold() + "; 0: never)"))
                .addOption(Arguments.valued(
                        "envelope-weight",
                        "W",
                        "learned: loss weight of band envelopes " + "(default " + l.envelopeWeight() + ")"))
                .addOption(Arguments.valued(
                        "checkpoint-every", "N", "learned: write OUT.ckpt every N steps " + "(default 500; 0: never)"))
                .addOption(Arguments.flag("resume", "learned: continue from OUT.ckpt when it exists"))
                .addOption(Arguments.valued(
                        "shaping",
                        "SPEC",
                        "vector shaping: plain | power:exponent=E | "
                                + "gain-shape:bands=B,exponent=E,weight=W,noise=match|off (default "
                                + Shaping.defaults().spec() + ")"))
                .addOption(Arguments.flag("help", "show this help"));
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(
                            Arguments.help(
                                    "rvq codec train --audio DIR|FILE... --out codec.rvq",
                                    options,
                                    "rvq codec train --audio data/train --out codec.rvq",
                                    "rvq codec train --audio a.wav b.flac --out small.rvq --codebooks 4 --codebook-size 256 --steps 500",
                                    "rvq codec train --kind classical --audio data/train --out classical.rvq --iterations 300"));
            return 0;
        }
        CodecConfig d = CodecConfig.defaults();
        int rate = a.integer("sample-rate", d.sampleRate());
        CodecConfig config = CodecConfig.of(
                rate,
                a.real("frame-rate", d.frameRate()),
                a.integer("codebooks", d.codebooks()),
                a.integer("codebook-size", d.codebookSize()),
                a.has("shaping") ? Shaping.parse(a.string("shaping")) : Shaping.defaults());
        CodecTraining train = training(a);
        Path out = Path.of(a.string("out"));
        AtomicFiles.requireWritable(out); // now, not after minutes of training
        LearnedTrainer.Checkpoints checkpoints = new LearnedTrainer.Checkpoints(
                out.resolveSibling(out.getFileName() + ".ckpt"), a.integer("checkpoint-every", 500), a.has("resume"));
        List<AudioInputs.Input> inputs = AudioInputs.list(a.strings("audio"));
        long t0 = System.nanoTime();
        List<float[]> clips = AudioInputs.readAll(inputs, rate);
        double seconds = clips.stream().mapToLong(c -> c.length).sum() / (double) rate;
        terminal.err()
                .printf(
                        "read %d files, %.1f min of audio in %.1f s%n",
                        clips.size(), seconds / 60, (System.nanoTime() - t0) / 1e9);
        Codec codec;
        try (TrainingProgressBar bar = new TrainingProgressBar(
                terminal.err(), train instanceof CodecTraining.Classical ? "EMA iteration" : "training step")) {
            codec = new CodecTrainer(config, train, checkpoints).train(clips, bar);
        }
        try (codec) {
            codec.save(out);
            terminal.err().printf("trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            terminal.out().printf("wrote %s%n", out);
            terminal.out().print(CodecDescription.text(codec));
        }
        return 0;
    }

    private static CodecTraining training(Arguments a) {
        long seed = a.longInteger("seed", 0);
        String kind = a.string("kind", CodecTraining.defaults(seed).kind());
        if (kind.equals("classical")) {
            RvqTraining d = RvqTraining.defaults(seed);
            return new CodecTraining.Classical(d.toBuilder()
                    .iterations(a.integer("iterations", d.iterations()))
                    .batchSize(a.integer("batch-size", d.batchSize()))
                    .dropout(a.real("dropout", 0))
                    .build());
        }
        if (!kind.equals("learned")) {
            throw new IllegalArgumentException("--kind must be learned or classical, got '" + kind + "'");
        }
        LearnedShape s = LearnedShape.defaults();
        int[] context = {s.encoderPast(), s.encoderFuture(), s.decoderPast(), s.decoderFuture()};
        if (a.has("context")) {
            String[] parts = a.string("context").split(",");
            if (parts.length != 4) {
                throw new IllegalArgumentException(
                        "--context needs four comma-separated integers, got '" + a.string("context") + "'");
            }
            for (int i = 0; i < 4; i++) {
                try {
                    context[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--context needs integers, got '" + parts[i] + "'");
                }
            }
        }
        LearnedShape shape = s.toBuilder()
                .latent(a.integer("latent", s.latent()))
                .hidden(a.integer("hidden", s.hidden()))
                .encoderPast(context[0])
                .encoderFuture(context[1])
                .decoderPast(context[2])
                .decoderFuture(context[3])
                .build();
        LearnedTraining d = LearnedTraining.defaults(seed);
        LearnedTraining run = d.toBuilder()
                .steps(a.integer("steps", d.steps()))
                .learningRate(a.real("learning-rate", d.learningRate()))
                .envelopeWeight(a.real("envelope-weight", d.envelopeWeight()))
                .vq(d.vq().toBuilder()
                        .dropout(a.real("dropout", d.vq().dropout()))
                        .commitment(a.real("commitment", d.vq().commitment()))
                        .jitter(a.real("jitter", d.vq().jitter()))
                        .temperature(a.real("temperature", d.vq().temperature()))
                        .deadThreshold(a.real("dead-threshold", d.vq().deadThreshold()))
                        .build())
                .build();
        return new CodecTraining.Learned(shape, run);
    }
}
