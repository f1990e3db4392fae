package dev.rvqlm.eval.demo;

import dev.rvqlm.eval.corpus.DemoCorpusConfig;
import dev.rvqlm.eval.run.Budget;
import dev.rvqlm.eval.run.EvalConfig;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.eval.run.SamplingPlan;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecTraining;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import dev.rvqlm.tokenizer.shaping.Shaping;

/**
 * Everything {@code rvq demo} does, sized to finish in well under 15 minutes on 2 cores.
 *
 * @param corpus        the generated music
 * @param codec         the codec's shape
 * @param codecTraining which kind of codec the demo trains (learned or classical) and how: the one place to change it
 * @param eval          the pattern comparison
 */
public record DemoConfig(DemoCorpusConfig corpus, CodecConfig codec,
                         CodecTraining codecTraining, EvalConfig eval) {

    public DemoConfig {
        if (corpus == null || codec == null || codecTraining == null || eval == null) {
            throw new IllegalArgumentException("corpus, codec, codecTraining and eval must all be given");
        }
    }

    /**
     * The default demo for a seed: 24 pieces × 10 s of music; a 24 kHz codec at 50 frames/s (MusicGen's EnCodec
     * frame rate) with K=4 codebooks of N=256 codes (1.6 kbps); an LM of D=128, L=2, H=4 per pattern trained 800
     * steps (peak learning rate 2e-3) on crops of 1.5 s (T=75) in batches of 8; 8 held-out prompts of 0.5 s
     * continued for 1 s (prompt and continuation together fit the training crop, so sampling stays within the
     * positions the LMs were trained on).
     */
    public static DemoConfig defaults(long seed) {
        CodecConfig codec = CodecConfig.of(24000, 50.0, 4, 256, Shaping.defaults());
        CodecTraining codecTraining = new CodecTraining.Classical(RvqTraining.defaults(seed).withIterations(120));
        LmTraining train = LmTraining.defaults().toBuilder().timesteps(75).batch(8).steps(800).warmupSteps(30)
                .learningRate(2e-3).minLearningRate(2e-4).seed(seed).build();
        EvalConfig eval = new EvalConfig(EvalConfig.defaultPatterns(), ModelShape.small(), train, Budget.STEPS,
                0.2, new SamplingPlan(8, 0.5, 1.0, SampleConfig.topK(50), 8));
        return new DemoConfig(new DemoCorpusConfig(seed, 24, 10.0), codec, codecTraining, eval);
    }
}
