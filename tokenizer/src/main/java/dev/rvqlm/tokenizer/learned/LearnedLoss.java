package dev.rvqlm.tokenizer.learned;

import ai.djl.ndarray.NDArray;

/**
 * The training loss of a learned codec: reconstruction + β·commitment, with the straight-through estimator.
 * Forward, the decoder sees the quantised latents q; backward, their gradient passes to the encoder's z unchanged
 * (z + sg(q − z)). The commitment term β·mean‖z − sg(q)‖² pulls z towards its codewords; the codewords themselves
 * learn by EMA, outside the gradient. Reconstruction: mean over frames and dimensions of w_d·(x̂ − x)² in
 * normalised features, with w_d = std_d² × (envelope weight or 1), so that with weight 1 it equals the raw
 * feature-domain squared error.
 *
 * <p>Every scalar is a long-lived NDArray, never a {@code Number} (DJL frees a Number's temporary tensor before
 * backward reads it).
 */
final class LearnedLoss {

    /** @param total reconstruction + commitment; @param reconstruction and @param commitment its parts */
    record Parts(NDArray total, NDArray reconstruction, NDArray commitment) {}

    private LearnedLoss() {}

    /**
     * @param net       the networks
     * @param z         (R, Z) encoder outputs, R = segments × (frames + decoder context)
     * @param quantized (R, Z) quantised latents (a constant), or null to decode z itself (warm-up)
     * @param targets   (segments·frames, D) normalised target features
     * @param weights   (D) loss weights
     * @param beta      scalar β
     */
    static Parts compute(
            LearnedNetwork net,
            NDArray z,
            NDArray quantized,
            NDArray targets,
            NDArray weights,
            NDArray beta,
            int segments) {
        long rows = z.getShape().get(0);
        NDArray decoderInput;
        NDArray commitment;
        if (quantized == null) {
            decoderInput = z;
            commitment = z.zerosLike().sum();
        } else {
            decoderInput = z.add(quantized.sub(z).stopGradient());
            commitment = z.sub(quantized).square().mean().mul(beta);
        }
        NDArray out = net.decode(
                decoderInput.reshape(segments, rows / segments, net.shape().latent()));
        NDArray reconstruction = out.sub(targets).square().mul(weights).mean();
        return new Parts(reconstruction.add(commitment), reconstruction, commitment);
    }
}
