package dev.rvqlm.lm;

import dev.rvqlm.lm.fast.FastLm;
import dev.rvqlm.lm.fast.SequenceDims;
import dev.rvqlm.lm.fast.StackDims;
import java.util.HashMap;
import java.util.Map;

/** Copies an {@link LmModel}'s weights into the Java engine ({@link FastLm}), for one generation. */
final class FastCopy {

    private FastCopy() {}

    /** The model's current weights, copied (a copy does not follow later training). */
    static FastLm of(LmModel model) {
        LmConfig c = model.config();
        Map<String, float[]> values = new HashMap<>();
        for (Parameters.Param p : model.params()) {
            values.put(p.name(), p.array().toFloatArray());
        }
        LmFamily.Depth depth = c.depth();
        return FastLm.copy(
                new SequenceDims(c.codebooks(), c.codebookSize(), c.maxSequenceSteps()),
                dims(c.blocks()),
                depth == null ? null : dims(depth.blocks()),
                values::get);
    }

    private static StackDims dims(ModelShape s) {
        return new StackDims(s.layers(), s.dim(), s.heads(), s.ffnMultiplier() * s.dim());
    }
}
