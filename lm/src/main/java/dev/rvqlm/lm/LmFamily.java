package dev.rvqlm.lm;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How an {@link LmModel} predicts the K cells of a sequence step from the transformer's state h_s at that step; kept
 * in {@link LmConfig} and so in the checkpoint.
 *
 * <ul>
 *   <li>{@link Interleaved}: MusicGen's K independent softmax heads on h_s; every dependency inside a step must
 *       come from the pattern's interleaving.</li>
 *   <li>{@link Depth}: the RQ-Transformer / UniAudio / Moshi split. The main (temporal) transformer runs over
 *       frames; a small depth transformer, causal over k = 0..K−1, predicts code k of the step from h_s and the codes
 *       0..k−1 of the same step, so a frame is modelled jointly, as flattening does, at parallel's temporal cost.</li>
 * </ul>
 *
 * <pre>{@code
 * LmConfig depth = ModelEntry.parse("depth").lmConfig(ModelShape.small(), 4, 1024, 200);
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LmFamily.Interleaved.class, name = "interleaved"),
    @JsonSubTypes.Type(value = LmFamily.Depth.class, name = "depth")
})
public sealed interface LmFamily permits LmFamily.Interleaved, LmFamily.Depth {

    /** The default family, MusicGen's: K parallel heads. */
    LmFamily INTERLEAVED = new Interleaved();

    /** K softmax heads D→N on the step's hidden state (AudioCraft's {@code LMModel}). */
    record Interleaved() implements LmFamily {}

    /**
     * A depth transformer over the K codes of a step. Its input at position k is {@code W_in·h_s + pos_k +
     * Emb'_{k−1}(code k−1 of step s+1)} (no code term at k = 0); L' pre-norm causal blocks of width D' with H' heads;
     * a final LayerNorm; head k (D'→N) predicts code k. It runs without dropout.
     *
     * @param dim           D', width of the depth transformer, divisible by H' with an even head width
     * @param layers        L' ≥ 1 blocks
     * @param heads         H' ≥ 1 attention heads
     * @param ffnMultiplier feed-forward width in units of D'
     */
    record Depth(int dim, int layers, int heads, int ffnMultiplier) implements LmFamily {

        public Depth {
            // the same rules as the temporal transformer's, with depth in the messages
            Checks.requireShape("depth ", "'", dim, layers, heads, ffnMultiplier);
        }

        /**
         * A depth transformer a quarter of the temporal one's size in the spirit of Moshi's depformer: half its width
         * (at least 16), half its heads (at least 1), a third of its layers (at least 1), the same FFN multiplier.
         */
        public static Depth defaultFor(ModelShape temporal) {
            int heads = Math.max(1, temporal.heads() / 2);
            int dim = Math.max(16, temporal.dim() / 2);
            dim = Math.max(heads * 2, dim / (2 * heads) * 2 * heads); // even head width
            return new Depth(dim, Math.max(1, temporal.layers() / 3), heads, temporal.ffnMultiplier());
        }

        ModelShape blocks() {
            return ModelShape.builder()
                    .dim(dim)
                    .layers(layers)
                    .heads(heads)
                    .ffnMultiplier(ffnMultiplier)
                    .build();
        }

        /** Embedding-like parameters (lookups, no FLOPs): K−1 code tables of N+1 rows and K positions, of width D'. */
        long embeddingParameterCount(int codebooks, int codebookSize) {
            return ((long) (codebooks - 1) * (codebookSize + 1) + codebooks) * dim;
        }

        /** Blocks, final LayerNorm and the K heads: parameters used once per depth position. */
        long perPositionParameterCount(int codebooks, int codebookSize) {
            long d = dim;
            long perLayer = 4 * d + 4 * d * d + 2L * ffnMultiplier * d * d;
            return layers * perLayer + 2 * d + (long) codebooks * codebookSize * d;
        }

        /** The input projection W_in (D'×D), used once per step. */
        long inputParameterCount(int temporalDim) {
            return (long) dim * temporalDim;
        }

        /**
         * Training FLOPs of the depth part for one sequence step (K positions): {@code 6·D'·D} for the input
         * projection plus, per position, {@code 6·P_head/K + 6·P_blocks + 6·L'·K·D'} (one head per position; the
         * causal attention term over K positions counted as the temporal one is). Forward only is a third.
         */
        double flopsPerStep(int codebooks, int codebookSize, int temporalDim) {
            long d = dim;
            long perLayer = 4 * d + 4 * d * d + 2L * ffnMultiplier * d * d;
            double perPosition =
                    6.0 * (layers * perLayer + 2 * d + (long) codebookSize * d) + 6.0 * layers * codebooks * d;
            return 6.0 * inputParameterCount(temporalDim) + codebooks * perPosition;
        }
    }
}
