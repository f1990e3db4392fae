package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.fine.FineStructure;
import dev.rvqlm.tokenizer.learned.LearnedCoder;
import dev.rvqlm.tokenizer.learned.LearnedShape;
import dev.rvqlm.tokenizer.learned.LearnedTraining;
import dev.rvqlm.tokenizer.rvq.RvqTraining;

/**
 * Which kind of codec to train, and how: {@link Classical} (residual VQ on the gain-shape features),
 * {@link Learned} (encoder → residual VQ on latents → decoder) or {@link Fine} (the learned codec whose VQ also codes
 * the fine structure of the low bands). The one setting that picks the kind, e.g. in the demo's config and in
 * {@code rvq codec train --kind}.
 */
public sealed interface CodecTraining permits CodecTraining.Classical, CodecTraining.Learned, CodecTraining.Fine {

    /** "classical", "learned" or "fine". */
    String kind();

    long seed();

    /**
     * The default kind for a seed: the fine codec with {@link FineStructure#defaults()} (on the dev corpus it beat the
     * learned codec at every k from 3 on, in MR-STFT and log-mel, and every added stage is heard; docs/CODEC.md).
     */
    static CodecTraining defaults(long seed) {
        return new Fine(LearnedShape.defaults(), FineStructure.defaults(), LearnedTraining.defaults(seed));
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
            return LearnedCoder.KIND;
        }

        @Override
        public long seed() {
            return run.seed();
        }
    }

    /**
     * @param shape the networks (stored in the codec file)
     * @param fine  which low bands the VQ codes as fine structure, and their weight (stored too)
     * @param run   how they learn
     */
    record Fine(LearnedShape shape, FineStructure fine, LearnedTraining run) implements CodecTraining {
        public Fine {
            if (shape == null || fine == null || run == null) {
                throw new IllegalArgumentException("fine training needs a shape, a fine structure and run settings");
            }
        }

        @Override
        public String kind() {
            return LearnedCoder.FINE_KIND;
        }

        @Override
        public long seed() {
            return run.seed();
        }
    }
}
