package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.TorchThreads;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecDescription;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.CodecTraining;
import dev.rvqlm.tokenizer.fine.FineStructure;
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
        Options options = new Options()
                .addOption(Arguments.valued(
                        "kind",
                        "KIND",
                        "learned | fine | classical (default "
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
                        "quantizer-dropout",
                        "P",
                        "probability of training a step on a random prefix of the stages (default: classical 0, "
                                + "learned " + l.vq().dropout() + ")"))
                .addOption(Arguments.valued("steps", "N", "learned: Adam steps (default " + l.steps() + ")"))
                .addOption(
                        Arguments.valued("lr", "RATE", "learned: peak Adam rate (default " + l.learningRate() + ")"));
        learnedOptions(options);
        fineOptions(options);
        options.addOption(Arguments.valued(
                        "shaping",
                        "SPEC",
                        "vector shaping: plain | power:exponent=E | "
                                + "gain-shape:bands=B,exponent=E,weight=W,noise=match|off (default "
                                + Shaping.defaults().spec() + ")"))
                .addOption(TorchThreads.option("one per core"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
        return Arguments.aliases(
                options,
                "learning-rate",
                "lr",
                "temperature",
                "assignment-temperature",
                "dropout",
                "quantizer-dropout");
    }

    /** The learned codec's network and quantizer options. */
    private static void learnedOptions(Options options) {
        LearnedTraining l = LearnedTraining.defaults(0);
        LearnedShape ls = LearnedShape.defaults();
        options.addOption(Arguments.valued("latent", "Z", "learned: latent dimension (default " + ls.latent() + ")"))
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
                        "assignment-temperature",
                        "T",
                        "learned: stochastic code assignment in stage 1 among the 8 nearest (default "
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
                .addOption(Arguments.flag("resume", "learned: continue from OUT.ckpt when it exists"));
    }

    /** The fine codec's options: which fine structure its stages code. */
    private static void fineOptions(Options options) {
        FineStructure f = FineStructure.defaults();
        options.addOption(Arguments.valued(
                        "fine-bands",
                        "B",
                        "fine: the lowest gain-shape bands whose shapes the VQ codes (default " + f.bands() + ")"))
                .addOption(Arguments.valued(
                        "fine-weight",
                        "W",
                        "fine: weight of the fine structure in the VQ vectors against the latent (default " + f.weight()
                                + ")"))
                .addOption(Arguments.valued(
                        "fine-emphasis",
                        "A",
                        "fine: louder bands count more in the VQ, by (band RMS / fine RMS)^A (default " + f.emphasis()
                                + ")"))
                .addOption(Arguments.valued(
                        "fine-group-bins",
                        "G",
                        "fine: 0, every stage codes latent and fine structure together; G > 0, stage 1 codes the "
                                + "latent, later stages alternate between G fine bins and the latent (default "
                                + f.groupBins() + ")"));
    }

    /** Options that only the classical codec's training reads. */
    static final List<String> CLASSICAL_ONLY = List.of("iterations", "batch-size");

    /** Options that only the fine codec's training reads. */
    static final List<String> FINE_ONLY = List.of("fine-bands", "fine-weight", "fine-emphasis", "fine-group-bins");

    /** Options that only the learned codec's training reads. */
    static final List<String> LEARNED_ONLY = List.of(
            "steps",
            "lr",
            "latent",
            "hidden",
            "context",
            "commitment",
            "jitter",
            "assignment-temperature",
            "dead-threshold",
            "envelope-weight",
            "checkpoint-every",
            "resume");

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
        int rate = a.integer("sample-rate", d.sampleRate(), 1000, 384_000);
        CodecConfig config = CodecConfig.of(
                rate,
                a.real("frame-rate", d.frameRate(), 0, rate, true),
                a.integer("codebooks", d.codebooks(), 1, 64),
                a.integer("codebook-size", d.codebookSize(), 2, 1 << 20),
                a.has("shaping") ? Shaping.parse(a.string("shaping")) : Shaping.defaults());
        CodecTraining train = training(a);
        Path out = Path.of(a.string("out"));
        AtomicFiles.requireWritable(out); // now, not after minutes of training
        TorchThreads.apply(a, 0);
        LearnedTrainer.Checkpoints checkpoints = new LearnedTrainer.Checkpoints(
                out.resolveSibling(out.getFileName() + ".ckpt"),
                a.integer("checkpoint-every", 500, 0, Integer.MAX_VALUE),
                a.has("resume"));
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
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            terminal.err().printf("trained in %.1f s%n", trainSeconds);
            if (a.has("json")) {
                terminal.out().print(CodecDescription.json(codec)); // what rvq codec info --json prints
            } else {
                terminal.out().printf("wrote %s%n", out);
                terminal.out().print(CodecDescription.text(codec));
            }
        }
        return 0;
    }

    private static CodecTraining training(Arguments a) {
        long seed = a.longInteger("seed", 0);
        String kind = a.string("kind", CodecTraining.defaults(seed).kind());
        if (kind.equals("classical")) {
            a.refuse(LEARNED_ONLY, "to --kind classical (they set the learned codec's training)");
            a.refuse(FINE_ONLY, "to --kind classical (they set the fine codec's fine structure)");
            RvqTraining d = RvqTraining.defaults(seed);
            return new CodecTraining.Classical(d.toBuilder()
                    .iterations(a.integer("iterations", d.iterations(), 1, 100_000_000))
                    .batchSize(a.integer("batch-size", d.batchSize(), 1, 100_000_000))
                    .dropout(a.real("quantizer-dropout", 0, 0, 1, false))
                    .build());
        }
        if (!kind.equals("learned") && !kind.equals("fine")) {
            throw new UsageException("--kind must be learned, fine or classical, got '" + kind + "'");
        }
        a.refuse(CLASSICAL_ONLY, "to --kind " + kind + " (they set the classical codec's EMA training)");
        if (kind.equals("learned")) {
            a.refuse(FINE_ONLY, "to --kind learned (they set the fine codec's fine structure)");
        }
        LearnedShape shape = learnedShape(a);
        LearnedTraining run = learnedTraining(a, seed);
        if (kind.equals("fine")) {
            FineStructure f = FineStructure.defaults();
            return new CodecTraining.Fine(
                    shape,
                    new FineStructure(
                            a.integer("fine-bands", f.bands(), 1, 1000),
                            a.real("fine-weight", f.weight(), 0, 1e6, false),
                            a.real("fine-emphasis", f.emphasis(), 0, 10, false),
                            a.integer("fine-group-bins", f.groupBins(), 0, 100_000)),
                    run);
        }
        return new CodecTraining.Learned(shape, run);
    }

    /** The learned (and fine) codec's network: --latent, --hidden, --context. */
    private static LearnedShape learnedShape(Arguments a) {
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
        return s.toBuilder()
                .latent(a.integer("latent", s.latent(), 1, 1024))
                .hidden(a.integer("hidden", s.hidden(), 1, 8192))
                .encoderPast(context[0])
                .encoderFuture(context[1])
                .decoderPast(context[2])
                .decoderFuture(context[3])
                .build();
    }

    /** The learned (and fine) codec's training run. */
    private static LearnedTraining learnedTraining(Arguments a, long seed) {
        LearnedTraining d = LearnedTraining.defaults(seed);
        return d.toBuilder()
                .steps(a.integer("steps", d.steps(), 1, 100_000_000))
                .learningRate(a.real("lr", d.learningRate(), 0, 10, true))
                .envelopeWeight(a.real("envelope-weight", d.envelopeWeight(), 0, 1e6, false))
                .vq(d.vq().toBuilder()
                        .dropout(a.real("quantizer-dropout", d.vq().dropout(), 0, 1, false))
                        .commitment(a.real("commitment", d.vq().commitment(), 0, 1e6, false))
                        .jitter(a.real("jitter", d.vq().jitter(), 0, 1e6, false))
                        .temperature(a.real("assignment-temperature", d.vq().temperature(), 0, 1e6, false))
                        .deadThreshold(a.real("dead-threshold", d.vq().deadThreshold(), 0, 1, false))
                        .build())
                .build();
    }
}
