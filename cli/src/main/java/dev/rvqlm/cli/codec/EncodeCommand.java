package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
                .addOption(Option.builder().longOpt("audio").hasArgs().argName("DIR|FILE")
                        .desc("audio files or directories; repeatable").get())
                .addOption(Arguments.valued("out", "DIR", "token directory to write"))
                .addOption(Arguments.valued("threads", "N", "files encoded in parallel (default: all cores)"))
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out().print(Arguments.help("rvq encode --codec codec.rvq --audio DIR|FILE --out DIR", options,
                    "rvq encode --codec codec.rvq --audio data/train --out tokens/train"));
            return 0;
        }
        int threads = a.integer("threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        Path out = Path.of(a.string("out"));
        try (Codec codec = Codec.load(Path.of(a.string("codec")))) {
            List<AudioInputs.Input> inputs = AudioInputs.list(a.strings("audio"));
            Files.createDirectories(out);
            long t0 = System.nanoTime();
            AtomicInteger done = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<TokenManifest.Entry>> futures = new ArrayList<>();
            double[] seconds = new double[inputs.size()];
            try {
                for (int i = 0; i < inputs.size(); i++) {
                    AudioInputs.Input in = inputs.get(i);
                    int index = i;
                    futures.add(pool.submit(() -> {
                        float[] audio = AudioIO.readMono(in.file(), codec.sampleRate());
                        seconds[index] = audio.length / (double) codec.sampleRate();
                        int[][] codes = codec.encode(audio);
                        String name = in.withExtension(".npy");
                        TokenFiles.write(out.resolve(name), codes, codec.codebookSize());
                        terminal.err().printf("\r[%d/%d] %s", done.incrementAndGet(), inputs.size(), name);
                        return new TokenManifest.Entry(name, codes[0].length, in.file().toString());
                    }));
                }
                List<TokenManifest.Entry> entries = new ArrayList<>();
                for (Future<TokenManifest.Entry> f : futures) {
                    entries.add(Workers.join(f));
                }
                codec.manifest(entries).write(out);
            } finally {
                pool.shutdownNow();
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double audioSeconds = java.util.Arrays.stream(seconds).sum();
            terminal.err().println();
            terminal.out().printf("encoded %d files (%.1f s of audio) in %.1f s (%.0fx real time) to %s%n",
                    inputs.size(), audioSeconds, elapsed, audioSeconds / elapsed, out);
        }
        return 0;
    }
}
