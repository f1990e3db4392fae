package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.learned.LearnedShape;
import dev.rvqlm.tokenizer.learned.LearnedTraining;
import dev.rvqlm.tokenizer.rvq.RvqTraining;

/**
 * Which kind of codec to train, and how: {@link Classical} (residual VQ on the gain-shape features) or
 * {@link Learned} (encoder → residual VQ on latents → decoder). The one setting that picks the kind, e.g. in the
 * demo's config and in {@code rvq codec train --kind}.
 */
public sealed interface CodecTraining permits CodecTraining.Classical, CodecTraining.Learned {

    /** "classical" or "learned". */
    String kind();

    long seed();

    /** The default kind for a seed: the learned codec (it measured better on the dev corpus; see the README). */
    static CodecTraining defaults(long seed) {
        return new Learned(LearnedShape.defaults(), LearnedTraining.defaults(seed));
    }

    /** @param rvq the EMA RVQ's run settings */
    record Classical(RvqTraining rvq) implements CodecTraining {
        public Classical {
            if (rvq == null) {
                throw new IllegalArgumentException("classical training needs its RVQ settings");
            }
        }

        @Override
        public String kind() {
            return ClassicalCoder.KIND;
        }

        @Override
        public long seed() {
            return rvq.seed();
        }
    }

    /** @param shape the networks (stored in the codec file); @param run how they learn */
    record Learned(LearnedShape shape, LearnedTraining run) implements CodecTraining {
        public Learned {
            if (shape == null || run == null) {
                throw new IllegalArgumentException("learned training needs a shape and run settings");
            }
        }

        @Override
        public String kind() {
            return dev.rvqlm.tokenizer.learned.LearnedCoder.KIND;
        }

        @Override
        public long seed() {
            return run.seed();
        }
    }
}
