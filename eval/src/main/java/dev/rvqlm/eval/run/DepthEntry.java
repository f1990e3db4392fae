package dev.rvqlm.eval.run;

import dev.rvqlm.lm.DepthSpec;
import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.patterns.PatternSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hook that puts a depth model ({@link DepthSpec}, e.g. {@code depth} or {@code depth:acoustic_delay=1}) in an
 * eval beside the patterns. The eval carries it as a {@link PatternSpec} named {@code depth} (made here, not by the
 * pattern registry, so it names the row, the run directory and the cache entry); everything that lays out steps
 * asks {@link #temporal} for the layout the model really runs over, and the LM config gets the depth family.
 *
 * <pre>{@code
 * PatternSpec entry = DepthEntry.parse("depth:acoustic_delay=1");    // or any pattern spec
 * PatternSpec layout = DepthEntry.temporal(entry, 4);                // delay:delays=0,1,1,1
 * }</pre>
 */
public final class DepthEntry {

    private DepthEntry() {}

    /** An eval entry: a depth spec, or a pattern spec as {@link PatternSpec#parse} reads it. */
    public static PatternSpec parse(String text) {
        if (!DepthSpec.names(text)) {
            return PatternSpec.parse(text);
        }
        String canonical = DepthSpec.parse(text).toString();
        Map<String, String> options = new LinkedHashMap<>();
        String[] parts = canonical.split(":");
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            options.put(kv[0], kv[1]);
        }
        return new PatternSpec(DepthSpec.NAME, options);
    }

    /** The depth spec of an entry, or null for a pattern. */
    static DepthSpec depth(PatternSpec entry) {
        return entry.name().equals(DepthSpec.NAME) ? DepthSpec.parse(entry.toString()) : null;
    }

    /** The layout the entry's LM runs over: the pattern itself, or the depth model's temporal layout. */
    static PatternSpec temporal(PatternSpec entry, int codebooks) {
        DepthSpec depth = depth(entry);
        return depth == null ? entry : depth.temporalPattern(codebooks);
    }

    /** The entry's LM: the shared shape, with the depth family for a depth entry. */
    static LmConfig lmConfig(PatternSpec entry, ModelShape shape, int codebooks, int codebookSize, int longest) {
        DepthSpec depth = depth(entry);
        return depth == null
                ? shape.lmConfig(codebooks, codebookSize, longest)
                : depth.lmConfig(shape, codebooks, codebookSize, longest);
    }

    /**
     * Sequential model steps per second of audio: the layout's long-run steps per second ({@link SequenceRate})
     * times {@link LmConfig#sequentialStepsPerStep()}, so a depth model counts its frame steps plus its K depth
     * steps per frame.
     */
    static double stepsPerSecond(PatternSpec entry, LmConfig lm, double frameRate) {
        return SequenceRate.stepsPerSecond(temporal(entry, lm.codebooks()), lm.codebooks(), frameRate)
                * lm.sequentialStepsPerStep();
    }
}
