package dev.rvqlm.cli.lm;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.TorchThreads;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.lm.Sampler;
import dev.rvqlm.lm.export.TrainedModels;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.TokenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued(
                        "model",
                        "RUN_DIR|FILE",
                        "run directory of rvq train, a checkpoint, or an rvq export directory"))
                .addOption(Arguments.valued("timesteps", "T", "frames to generate (prompt included)"))
                .addOption(Arguments.valued("prompt", "FILE.npy", "K x T' codes to continue"))
                .addOption(Arguments.valued(
                        "prompt-timesteps", "P", "use the first P frames of --prompt " + "(default: all of it)"))
                .addOption(Arguments.valued("temperature", "X", "softmax temperature; 0 is greedy (default 1)"))
                .addOption(Arguments.valued(
                        "top-k",
                        "K",
                        "keep the K most likely codes (default " + SampleConfig.DEFAULT_TOP_K + "; 0: off)"))
                .addOption(Arguments.valued("top-p", "P", "nucleus mass, wins over top-k (default 0: off)"))
                .addOption(Arguments.valued("count", "B", "samples, generated as one batch (default 1)"))
                .addOption(Arguments.valued("seed", "N", "sampling seed (default 0)"))
                .addOption(Arguments.valued("out", "DIR", "where sample_NNN.npy (and .wav) go"))
                .addOption(Arguments.valued("codec", "FILE", "codec file: also write sample_NNN.wav"))
                .addOption(TorchThreads.option("one per core"))
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq sample --model RUN_DIR --timesteps T --out DIR [options]",
                            options,
                            "rvq sample --model runs/delay --timesteps 500 --count 4 --out samples/delay",
                            "rvq sample --model runs/delay --timesteps 500 --prompt tokens/test/a.npy --prompt-timesteps 150 "
                                    + "--top-p 0.9 --out samples/cont --codec codec.rvq"));
            return 0;
        }
        Path modelPath = Path.of(a.string("model"));
        int timesteps = a.integer("timesteps");
        SampleConfig config = new SampleConfig(
                a.real("temperature", 1.0),
                a.integer("top-k", SampleConfig.DEFAULT_TOP_K),
                a.real("top-p", 0.0),
                SampleConfig.Decoding.CACHED);
        int count = a.integer("count", 1);
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, got " + count);
        }
        Path out = Path.of(a.string("out"));
        AtomicFiles.requireWritableDirectory(out);
        TorchThreads.apply(a, 0);
        try (LmModel model = TrainedModels.open(modelPath)) {
            int k = model.config().codebooks();
            int[][] prompt = new int[k][0];
            if (a.has("prompt")) {
                int[][] file = TokenFiles.read(Path.of(a.string("prompt")));
                if (file.length != k) {
                    throw new IllegalArgumentException(
                            a.string("prompt") + " has K=" + file.length + " codebooks but the model has K=" + k);
                }
                int p = a.integer("prompt-timesteps", Math.min(file[0].length, timesteps));
                if (p < 0 || p > file[0].length) {
                    throw new IllegalArgumentException("--prompt-timesteps " + p + " is outside [0, " + file[0].length
                            + "] (the prompt's length)");
                }
                for (int q = 0; q < k; q++) {
                    prompt[q] = Arrays.copyOf(file[q], p);
                }
            }
            int[][][] prompts = new int[count][][];
            Arrays.fill(prompts, prompt);
            Codec codec = a.has("codec") ? Codec.load(Path.of(a.string("codec"))) : null;
            try {
                if (codec != null
                        && !model.tokenizerId().isEmpty()
                        && !codec.identity().equals(model.tokenizerId())) {
                    throw new IllegalArgumentException("the model was trained on tokens of codec " + model.tokenizerId()
                            + " but --codec is " + codec.identity());
                }
                long t0 = System.nanoTime();
                int[][][] codes = Sampler.generate(
                        model,
                        prompts,
                        timesteps,
                        config,
                        a.longInteger("seed", 0),
                        new SamplingProgress(terminal.err(), prompt[0].length, timesteps));
                double seconds = (System.nanoTime() - t0) / 1e9;
                Files.createDirectories(out);
                for (int b = 0; b < count; b++) {
                    String name = String.format(Locale.ROOT, "sample_%03d", b);
                    TokenFiles.write(
                            out.resolve(name + ".npy"), codes[b], model.config().codebookSize());
                    if (codec != null) {
                        AudioIO.writeWav(out.resolve(name + ".wav"), codec.decode(codes[b]), codec.sampleRate());
                    }
                }
                terminal.out()
                        .printf(
                                Locale.ROOT,
                                "wrote %d sample(s) of K=%d x T=%d (prompt %d) to %s in %.2f s " + "(%.0f frames/s)%n",
                                count,
                                k,
                                timesteps,
                                prompt[0].length,
                                out,
                                seconds,
                                count * (timesteps - prompt[0].length) / seconds);
            } finally {
                if (codec != null) {
                    codec.close();
                }
            }
        }
        return 0;
    }
}
