package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.SparkOption;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.eval.cluster.ClusterEncode;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.TokenDirectoryWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code rvq encode}: audio files to one {@code .npy} of [K, T] codes each, plus {@code manifest.json}. */
public final class EncodeCommand implements Command {

    @Override
    public String name() {
        return "encode";
    }

    @Override
    public String summary() {
        return "encode audio files to K x T codes (.npy per file + manifest.json)";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued("codec", "FILE", "codec file"))
                .addOption(Option.builder()
                        .longOpt("audio")
                        .hasArgs()
                        .argName("DIR|FILE")
                        .desc("audio files or directories; repeatable. Files under a directory keep their path "
                                + "relative to it (speech/a.wav -> speech/a.npy); two inputs with the same name are "
                                + "refused")
                        .get())
                .addOption(Arguments.valued(
                        "out",
                        "DIR",
                        "token directory to write; an existing one is replaced " + "only once every file has encoded"))
                .addOption(Arguments.valued("threads", "N", "files encoded in parallel (default: all cores)"))
                .addOption(SparkOption.option())
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq encode --codec codec.rvq --audio DIR|FILE --out DIR",
                            options,
                            "rvq encode --codec codec.rvq --audio data/train --out tokens/train"));
            return 0;
        }
        if (a.has(SparkOption.NAME)) {
            return onSpark(a, terminal);
        }
        int threads = a.integer("threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        Path out = Path.of(a.string("out"));
        try (Codec codec = Codec.load(Path.of(a.string("codec")))) {
            List<TokenDirectoryWriter.Input> inputs = AudioInputs.list(a.strings("audio")).stream()
                    .map(in -> new TokenDirectoryWriter.Input(in.file(), in.withExtension(".npy")))
                    .toList();
            AtomicBoolean progressShown = new AtomicBoolean();
            TokenDirectoryWriter.Result r;
            try {
                r = new TokenDirectoryWriter(codec, threads).encode(inputs, out, line -> {
                    progressShown.set(true);
                    terminal.err().print("\r" + line);
                });
            } finally {
                if (progressShown.get()) {
                    terminal.err().println(); // end the progress line, so an error gets a line of its own
                }
            }
            printResult(terminal, r, a.string("out"));
        }
        return 0;
    }

    /** The files spread over a Spark cluster's executors; paths may be Hadoop URIs. */
    private static int onSpark(Arguments a, Terminal terminal) throws Exception {
        ClusterEncode job =
                new ClusterEncode(a.string(SparkOption.NAME), a.string("codec"), a.strings("audio"), a.string("out"));
        TokenDirectoryWriter.Result r = SparkOption.backend().encode(job, terminal.err()::println);
        printResult(terminal, r, job.out());
        return 0;
    }

    private static void printResult(Terminal terminal, TokenDirectoryWriter.Result r, String out) {
        terminal.out()
                .printf(
                        "encoded %d files (%.1f s of audio) in %.1f s (%.0fx real time) to %s%n",
                        r.manifest().files().size(),
                        r.audioSeconds(),
                        r.seconds(),
                        r.audioSeconds() / r.seconds(),
                        out);
    }
}
