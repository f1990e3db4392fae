package dev.rvqlm.cli.lm;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.JsonOutput;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.TorchThreads;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.eval.sampling.SampleJob;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.export.TrainedModels;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.TokenFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.Options;

/** {@code rvq sample}: generates K×T codes from a trained model ({@code .npy}, and WAV with a codec). */
public final class SampleCommand implements Command {

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public String summary() {
        return "generate K x T codes from a trained LM (.npy; WAV with --codec)";
    }

    static Options options() {
        Options options = new Options()
                .addOption(Arguments.valued(
                        "run", "DIR", "run directory of rvq train or eval, a checkpoint, or an rvq export directory"))
                .addOption(Arguments.valued("timesteps", "T", "frames to generate (prompt included)"))
                .addOption(Arguments.valued("prompt", "FILE.npy", "K x T' codes to continue"))
                .addOption(Arguments.valued(
                        "prompt-timesteps", "P", "use the first P frames of --prompt (default: all of it)"));
        LmOptions.sampling(options)
                .addOption(Arguments.valued("count", "B", "samples, generated as one batch (default 1)"))
                .addOption(Arguments.valued("seed", "S", "sampling seed (default 0)"))
                .addOption(Arguments.valued("out", "DIR", "where sample_NNN.npy (and .wav) go"))
                .addOption(Arguments.valued("codec", "FILE", "codec file: also write sample_NNN.wav"))
                .addOption(LmOptions.engine())
                .addOption(TorchThreads.option("one per core"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
        return Arguments.aliases(options, "model", "run");
    }

    /** The --prompt codes cut to --prompt-timesteps, or no prompt. */
    private static int[][] prompt(Arguments a, int codebooks, int timesteps) throws IOException {
        if (!a.has("prompt")) {
            return SampleJob.noPrompt(codebooks);
        }
        return SampleJob.prompt(
                TokenFiles.read(Path.of(a.string("prompt"))),
                codebooks,
                a.integer("prompt-timesteps", -1, 0, timesteps),
                timesteps,
                a.string("prompt"));
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq sample --run DIR --timesteps T --out DIR",
                            options,
                            "rvq sample --run runs/delay --timesteps 500 --count 4 --out samples/delay",
                            "rvq sample --run runs/delay --timesteps 500 --prompt tokens/test/a.npy --prompt-timesteps 150 "
                                    + "--top-p 0.9 --out samples/cont --codec codec.rvq"));
            return 0;
        }
        if (!a.has("prompt")) {
            a.refuse(List.of("prompt-timesteps"), "without --prompt");
        }
        int timesteps = a.integer("timesteps", 0, 1, 100_000_000);
        if (timesteps == 0) {
            throw new UsageException("missing required option --timesteps");
        }
        Path out = Path.of(a.string("out"));
        AtomicFiles.requireWritableDirectory(out);
        TorchThreads.apply(a, 0);
        try (LmModel model = TrainedModels.open(Path.of(a.string("run")));
                Codec codec = a.has("codec") ? Codec.load(Path.of(a.string("codec"))) : null) {
            int k = model.config().codebooks();
            int[][] prompt = prompt(a, k, timesteps);
            SampleJob job = new SampleJob(
                    timesteps,
                    a.integer("count", 1, 1, 100_000),
                    a.longInteger("seed", 0),
                    LmOptions.readSampling(a),
                    prompt);
            SampleJob.Result r = job.run(
                    model,
                    Optional.ofNullable(codec),
                    out,
                    new SamplingProgress(terminal.err(), prompt[0].length, timesteps));
            if (a.has("json")) {
                JsonOutput.print(terminal, r);
            } else {
                terminal.out()
                        .printf(
                                Locale.ROOT,
                                "wrote %d sample(s) of K=%d x T=%d (prompt %d) to %s in %.2f s (%.0f frames/s)%n",
                                job.count(),
                                k,
                                timesteps,
                                prompt[0].length,
                                out,
                                r.seconds(),
                                r.framesPerSecond());
            }
        }
        return 0;
    }
}
