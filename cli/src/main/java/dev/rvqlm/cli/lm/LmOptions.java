package dev.rvqlm.cli.lm;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The options {@code rvq train}, {@code rvq eval} and {@code rvq sample} share, declared once here with the
 * defaults of the command that adds them, and read back into the library's configs: the model shape, the training
 * run, and sampling.
 */
public final class LmOptions {

    /** Largest step count and crop length taken: far past any run here, and clear of int overflow in the schedule. */
    static final int MAX_STEPS = 100_000_000;

    private LmOptions() {}

    /** {@code --dim --layers --heads --ffn --dropout}, with {@code defaults}' values as the defaults shown. */
    public static Options shape(Options options, ModelShape defaults) {
        return options.addOption(Arguments.valued("dim", "D", "model width (default " + defaults.dim() + ")"))
                .addOption(Arguments.valued("layers", "L", "decoder blocks (default " + defaults.layers() + ")"))
                .addOption(Arguments.valued("heads", "H", "attention heads (default " + defaults.heads() + ")"))
                .addOption(Arguments.valued(
                        "ffn", "M", "feed-forward width in units of D (default " + defaults.ffnMultiplier() + ")"))
                .addOption(Arguments.valued("dropout", "P", "residual dropout (default " + defaults.dropout() + ")"));
    }

    public static ModelShape readShape(Arguments a, ModelShape defaults) {
        return defaults.toBuilder()
                .dim(a.integer("dim", defaults.dim(), 2, 65536))
                .layers(a.integer("layers", defaults.layers(), 1, 1024))
                .heads(a.integer("heads", defaults.heads(), 1, 1024))
                .ffnMultiplier(a.integer("ffn", defaults.ffnMultiplier(), 1, 64))
                .dropout(a.real("dropout", defaults.dropout(), 0, 1, false))
                .build();
    }

    /**
     * {@code --timesteps --batch-size --steps --lr --warmup --eval-every --validation --seed}, with {@code defaults}'
     * values as the defaults shown; {@code stepsNote} and {@code validationNote} say what the command does with them.
     */
    public static Options training(Options options, LmTraining defaults, String stepsNote, String validationNote) {
        return options.addOption(Arguments.valued(
                        "timesteps",
                        "T",
                        "frames per training crop (default " + defaults.data().timesteps() + ")"))
                .addOption(Arguments.valued(
                        "batch-size",
                        "B",
                        "crops per batch (default " + defaults.data().batch() + ")"))
                .addOption(Arguments.valued(
                        "steps",
                        "N",
                        "optimizer steps (default " + defaults.schedule().steps() + ")" + stepsNote))
                .addOption(Arguments.valued(
                        "lr",
                        "RATE",
                        "peak learning rate (default " + defaults.schedule().learningRate() + "; cosine decay to a "
                                + "tenth)"))
                .addOption(Arguments.valued(
                        "warmup",
                        "N",
                        "linear warm-up steps (default " + defaults.schedule().warmupSteps() + ")"))
                .addOption(Arguments.valued(
                        "eval-every",
                        "N",
                        "validate every N steps (default " + defaults.run().evalEvery() + ")"))
                .addOption(Arguments.valued("validation", "FRACTION", validationNote))
                .addOption(Arguments.valued(
                        "seed",
                        "S",
                        "seed of initialisation, split and crops (default "
                                + defaults.run().seed() + ")"));
    }

    /** The training options over {@code defaults} ({@code --validation} and {@code --eval-every} are the caller's). */
    public static LmTraining.Builder readTraining(Arguments a, LmTraining defaults) {
        return defaults.toBuilder()
                .timesteps(a.integer("timesteps", defaults.data().timesteps(), 1, MAX_STEPS))
                .batch(a.integer("batch-size", defaults.data().batch(), 1, MAX_STEPS))
                .steps(a.integer("steps", defaults.schedule().steps(), 1, MAX_STEPS))
                .peakLearningRate(a.real("lr", defaults.schedule().learningRate(), 0, 10, true))
                .warmupSteps(a.integer("warmup", defaults.schedule().warmupSteps(), 0, MAX_STEPS))
                .seed(a.longInteger("seed", defaults.run().seed()));
    }

    /** {@code --temperature --top-k --top-p} of sampling. */
    public static Options sampling(Options options) {
        return options.addOption(Arguments.valued("temperature", "X", "sampling temperature; 0 is greedy (default 1)"))
                .addOption(Arguments.valued(
                        "top-k",
                        "K",
                        "sample among the K most likely codes (default " + SampleConfig.DEFAULT_TOP_K + "; 0: all)"))
                .addOption(Arguments.valued(
                        "top-p", "P", "nucleus sampling mass, takes precedence over top-k (default 0: off)"));
    }

    /** {@code --engine java|djl}: what runs each cached sampling step. */
    public static Option engine() {
        return Arguments.valued(
                "engine",
                "java|djl",
                "what runs each sampling step: java (default, the weights in Java arrays) or djl (the reference)");
    }

    /** The sampling settings; the engine is {@code --engine}'s where the command has it. */
    public static SampleConfig readSampling(Arguments a) {
        return new SampleConfig(
                a.real("temperature", 1.0, 0, 100, false),
                a.integer("top-k", SampleConfig.DEFAULT_TOP_K, 0, Integer.MAX_VALUE),
                a.real("top-p", 0.0, 0, 1, false),
                SampleConfig.Decoding.CACHED,
                readEngine(a));
    }

    private static SampleConfig.Engine readEngine(Arguments a) {
        if (!a.has("engine")) {
            return SampleConfig.DEFAULT_ENGINE;
        }
        String name = a.string("engine");
        try {
            return SampleConfig.Engine.parse(name);
        } catch (IllegalArgumentException e) { // the engine's own check, reported as the option's
            throw new UsageException("--engine must be java or djl, got '" + name + "'");
        }
    }
}
