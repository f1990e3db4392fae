package dev.rvqlm.lm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.rvqlm.patterns.PatternSpec;

/**
 * The model a user names: MusicGen's interleaved LM over a codebook pattern ({@code parallel},
 * {@code delay:delays=0,1,2,3}, ...), or a depth model ({@code depth}, {@code depth:acoustic_delay=1}, see
 * {@link DepthSpec}). As in AudioCraft, the model class and the pattern are kept apart: an entry knows the layout its
 * transformer runs over ({@link #layout}) and the family of its output ({@link #lmConfig}), so nothing downstream
 * needs to compare names. Its text form is what users type and what run caches are keyed on.
 *
 * <pre>{@code
 * ModelEntry entry = ModelEntry.parse("depth:acoustic_delay=1");
 * PatternSpec layout = entry.layout(4);                                  // delay:delays=0,1,1,1
 * LmConfig config = entry.lmConfig(ModelShape.small(), 4, 1024, 400);   // the depth family
 * }</pre>
 */
public sealed interface ModelEntry permits ModelEntry.Interleaved, ModelEntry.Depth {

    /**
     * Reads a depth spec ({@code depth[:key=value]...}) or a pattern spec.
     *
     * @throws IllegalArgumentException naming the text and the bad part
     */
    @JsonCreator
    static ModelEntry parse(String text) {
        return DepthSpec.names(text) ? new Depth(DepthSpec.parse(text)) : new Interleaved(PatternSpec.parse(text));
    }

    /** The layout the transformer runs over, for K codebooks. */
    PatternSpec layout(int codebooks);

    /** The whole model's config: the shape (the temporal one for a depth model), K, N and the longest sequence. */
    LmConfig lmConfig(ModelShape shape, int codebooks, int codebookSize, int maxSequenceSteps);

    /** True for an interleaved model over the pattern called {@code name} (whatever its options). */
    default boolean isPattern(String name) {
        return this instanceof Interleaved i && i.pattern().name().equals(name);
    }

    /** True for MusicGen's parallel pattern: the one whose score is bounded by the per-frame entropy sum. */
    default boolean isParallelPattern() {
        return isPattern("parallel");
    }

    /** The text a user types for this entry, canonical (also its JSON form). */
    @JsonValue
    @Override
    String toString();

    /** K heads over a pattern's steps. */
    record Interleaved(PatternSpec pattern) implements ModelEntry {

        @Override
        public PatternSpec layout(int codebooks) {
            return pattern;
        }

        @Override
        public LmConfig lmConfig(ModelShape shape, int codebooks, int codebookSize, int maxSequenceSteps) {
            return shape.lmConfig(codebooks, codebookSize, maxSequenceSteps);
        }

        @Override
        public String toString() {
            return pattern.toString();
        }
    }

    /** A temporal transformer over frames and a depth transformer over each frame's K codes. */
    record Depth(DepthSpec spec) implements ModelEntry {

        @Override
        public PatternSpec layout(int codebooks) {
            return spec.temporalPattern(codebooks);
        }

        @Override
        public LmConfig lmConfig(ModelShape shape, int codebooks, int codebookSize, int maxSequenceSteps) {
            return shape.lmConfig(codebooks, codebookSize, maxSequenceSteps).toBuilder()
                    .family(spec.family(shape))
                    .build();
        }

        @Override
        public String toString() {
            return spec.toString();
        }
    }
}
