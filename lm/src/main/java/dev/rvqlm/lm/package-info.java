/**
 * rvqlm's language model over codebook patterns: a MusicGen-style causal transformer on DJL's PyTorch engine.
 *
 * <ul>
 *   <li>{@link dev.rvqlm.lm.LmConfig} (model shape, parameter count, FLOPs) and {@link dev.rvqlm.lm.LmModel}
 *       (K summed embeddings + sinusoids, L pre-LN causal blocks, K heads; save/load; key/value-cached decoder);</li>
 *   <li>{@link dev.rvqlm.tokens.TokenCorpus} (token files in memory), {@link dev.rvqlm.lm.LmTraining} and
 *       {@link dev.rvqlm.lm.LmTrainer} (crops → pattern sequences → per-codebook cross-entropy, AdamW, warm-up +
 *       cosine, clipping, accumulation, checkpoints, exact resume);</li>
 *   <li>{@link dev.rvqlm.lm.LmEvaluator} (held-out NLL per codebook, each code scored once) and
 *       {@link dev.rvqlm.lm.Sampler} with {@link dev.rvqlm.lm.SampleConfig} (AudioCraft's generate for any
 *       pattern; temperature, top-k, top-p, greedy).</li>
 * </ul>
 *
 * <p>The patterns module owns the interleaving; {@code PatternBatcher} is the one adapter between codes and the
 * model. Letters: B batch, K codebooks, N codebook size (V = N + 1 with the special token N), T timesteps,
 * S sequence steps, D width, H heads, L layers. Set {@code -Dai.djl.offline=true} (and {@code OPT_OUT_TRACKING=true})
 * before the first call: DJL otherwise calls home when the engine starts.
 */
package dev.rvqlm.lm;
