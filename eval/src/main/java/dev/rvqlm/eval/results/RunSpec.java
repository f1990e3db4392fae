package dev.rvqlm.eval.results;

import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;

/**
 * One run of an eval, as the grid names it: a model (a pattern or a depth model) at a size, with a seed. The seed
 * fixes initialisation, crops and sampling; the size is the transformer's (the temporal one's for a depth model).
 * Everything else a run needs comes from the eval's shared settings, so a run spec plus those settings is what a
 * worker needs to train the run (a child process, a Spark executor), and its JSON form is small.
 *
 * <pre>{@code
 * RunSpec run = new RunSpec(ModelEntry.parse("delay"), ModelShape.parseSize("128x2"), 0);
 * run.name();   // "delay 128x2 seed 0"
 * }</pre>
 *
 * @param model the model entry, e.g. {@code delay} or {@code depth:acoustic_delay=1}
 * @param size  the transformer's shape
 * @param seed  the run's seed
 */
public record RunSpec(ModelEntry model, ModelShape size, long seed) {

    public RunSpec {
        if (model == null || size == null) {
            throw new IllegalArgumentException("a run needs a model entry and a size");
        }
    }

    /** {@code MODEL SIZE seed SEED}: how progress lines, logs and {@code --only-run} name the run. */
    public String name() {
        return model + " " + size.label() + " seed " + seed;
    }

    /** True when {@code other} is this run at another seed (the runs a summary pools). */
    public boolean sameModelAndSize(RunSpec other) {
        return model.equals(other.model) && size.equals(other.size);
    }
}
