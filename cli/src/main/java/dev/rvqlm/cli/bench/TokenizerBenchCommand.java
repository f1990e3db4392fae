package dev.rvqlm.cli.bench;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecTraining;
import dev.rvqlm.tokenizer.bench.TokenizerBench;
import dev.rvqlm.tokenizer.learned.LearnedShape;
import dev.rvqlm.tokenizer.learned.LearnedTraining;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.Options;

/** {@code rvq bench tokenizer}: parses, runs {@link TokenizerBench}, prints. */
public final class TokenizerBenchCommand implements Command {

    @Override
    public String name() {
        return "tokenizer";
    }

    @Override
    public String summary() {
        return "codec training time and encode/decode speed (x real time)";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued("threads", "N", "PyTorch intra-op threads (default 1)"))
                .addOption(Arguments.valued(
                        "kind",
                        "KIND",
                        "learned | classical (default "
                                + CodecTraining.defaults(0).kind() + ")"))
                .addOption(Arguments.valued(
                        "train-seconds",
                        "S",
                        "seconds of audio to train on (default 1800; 0: train "
                                + "on 60 s only to get a codec, and do not report training)"))
                .addOption(Arguments.valued(
                        "iterations",
                        "I",
                        "classical: EMA iterations (default "
                                + RvqTraining.defaults(0).iterations() + ")"))
                .addOption(Arguments.valued(
                        "steps",
                        "N",
                        "learned: Adam steps (default "
                                + LearnedTraining.defaults(0).steps() + ")"))
                .addOption(Arguments.valued("seconds", "S", "seconds of audio to encode and decode (default 120)"))
                .addOption(Arguments.valued("codebooks", "K", "default 8"))
                .addOption(Arguments.valued("codebook-size", "N", "default 1024"))
                .addOption(Arguments.valued("codec", "FILE", "time this codec instead of training one"))
                .addOption(Arguments.valued(
                        "audio",
                        "DIR",
                        "real audio to use (cycled as needed; default: synthetic "
                                + "chirps, harmonic tones and noise)"))
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq bench tokenizer [--threads N] [--train-seconds S]",
                            options,
                            "taskset -c 0 rvq bench tokenizer --threads 1 --train-seconds 0",
                            "rvq bench tokenizer --threads 2 --train-seconds 1800",
                            "rvq bench tokenizer --threads 1 --codec codec.rvq"));
            return 0;
        }
        int threads = a.integer("threads", 1);
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        CodecConfig config = CodecConfig.defaults().toBuilder()
                .codebooks(a.integer("codebooks", 8))
                .codebookSize(a.integer("codebook-size", 1024))
                .build();
        String kind = a.string("kind", CodecTraining.defaults(1).kind());
        CodecTraining training = switch (kind) {
            case "classical" ->
                new CodecTraining.Classical(RvqTraining.defaults(1).toBuilder()
                        .iterations(
                                a.integer("iterations", RvqTraining.defaults(0).iterations()))
                        .build());
            case "learned" ->
                new CodecTraining.Learned(
                        LearnedShape.defaults(),
                        LearnedTraining.defaults(1).toBuilder()
                                .steps(a.integer(
                                        "steps", LearnedTraining.defaults(0).steps()))
                                .build());
            default -> throw new IllegalArgumentException("--kind must be learned or classical, got '" + kind + "'");
        };
        terminal.out()
                .printf(
                        "threads %d (PyTorch intra-op), %d cores visible to the JVM%n",
                        threads, Runtime.getRuntime().availableProcessors());
        TokenizerBench.Settings settings = new TokenizerBench.Settings(
                config,
                training,
                a.integer("train-seconds", 1800),
                a.integer("seconds", 120),
                a.has("codec") ? Path.of(a.string("codec")) : null,
                a.has("audio") ? Path.of(a.string("audio")) : null);
        terminal.out()
                .print(TokenizerBench.run(settings, terminal.err()::println).text());
        return 0;
    }
}
