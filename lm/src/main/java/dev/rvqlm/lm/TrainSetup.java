package dev.rvqlm.lm;

import dev.rvqlm.patterns.Pattern;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.TokenCorpus;
import java.util.Locale;

/**
 * What {@code rvq train} builds before its first step: the layout a model entry runs over, the whole LM config for
 * the corpus's K and N, and the sequence lengths of one crop, as one value with a one-line description.
 *
 * <pre>{@code
 * TrainSetup setup = TrainSetup.of(corpus, ModelEntry.parse("delay"), ModelShape.standard(), training, 0);
 * LmModel model = LmModel.create(setup.config(), training.run().seed());
 * new LmTrainer(training).train(model, corpus, setup.layout(), runDir, listener);
 * }</pre>
 *
 * @param entry      the model the user named
 * @param layout     the pattern the transformer runs over (a depth model's temporal layout)
 * @param config     the LM config: the shape, the entry's family, K and N of the corpus, the longest sequence
 * @param validSteps sequence steps per crop that carry a code (as eval counts them)
 * @param fullSteps  sequence steps per crop in the full layout
 */
public record TrainSetup(ModelEntry entry, PatternSpec layout, LmConfig config, int validSteps, int fullSteps) {

    /**
     * @param maxSequenceSteps the longest sequence the model takes; 0 for the default, the layout's length for four
     *                         crops ({@link ModelShape#defaultMaxSequenceSteps})
     */
    public static TrainSetup of(
            TokenCorpus corpus, ModelEntry entry, ModelShape shape, LmTraining training, int maxSequenceSteps) {
        int k = corpus.codebooks();
        int timesteps = training.data().timesteps();
        PatternSpec layout = entry.layout(k);
        Pattern crop = layout.pattern(k, timesteps);
        int maxSteps =
                maxSequenceSteps > 0 ? maxSequenceSteps : ModelShape.defaultMaxSequenceSteps(layout, k, timesteps);
        LmConfig config = entry.lmConfig(shape, k, corpus.codebookSize(), maxSteps);
        return new TrainSetup(
                entry, layout, config, crop.validLayout().size(), crop.layout().size());
    }

    /** One line: the model's shape and size, and the sequence a crop becomes. */
    public String describe(TokenCorpus corpus) {
        LmFamily.Depth depth = config.depth();
        return String.format(
                Locale.ROOT,
                "model: K=%d N=%d D=%d L=%d H=%d%s, %,d parameters; %d files, %,d frames; pattern %s (S=%d valid "
                        + "steps per crop, as eval counts them; %d in the full layout)",
                config.codebooks(),
                config.codebookSize(),
                config.dim(),
                config.layers(),
                config.heads(),
                depth == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; %s D'=%d L'=%d H'=%d",
                                entry,
                                depth.dim(),
                                depth.layers(),
                                depth.heads()),
                config.parameterCount(),
                corpus.items().size(),
                corpus.totalTimesteps(),
                layout,
                validSteps,
                fullSteps);
    }
}
