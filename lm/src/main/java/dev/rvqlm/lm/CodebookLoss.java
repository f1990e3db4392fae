package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.function.UnaryOperator;

/**
 * Per-codebook negative log-likelihood sums of K softmax heads, in batch chunks so that no logits tensor is large:
 * the training loss and the held-out score of any model whose heads give [b, S, K·N] logits.
 *
 * <pre>{@code
 * NDArray sums = new CodebookLoss(K, N, 16L << 20).nllSums(hidden, model::heads, targets, weights); // [K]
 * }</pre>
 */
final class CodebookLoss {

    private final int codebooks;
    private final int codebookSize;
    private final long chunkBytes;

    /** @param chunkBytes logits above this size are computed in batch chunks */
    CodebookLoss(int codebooks, int codebookSize, long chunkBytes) {
        this.codebooks = codebooks;
        this.codebookSize = codebookSize;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Sums of −log p(target) over weighted cells, per codebook, [K]: hidden [B,S,…] (whatever {@code heads} takes),
     * heads mapping a batch slice of it to logits [b,S,K·N], targets [B,S,K,1] (int64), weights [B,S,K,1] (0 or 1).
     */
    NDArray nllSums(NDArray hidden, UnaryOperator<NDArray> heads, NDArray targets, NDArray weights) {
        long b = hidden.getShape().get(0);
        long s = hidden.getShape().get(1);
        int k = codebooks;
        int n = codebookSize;
        long rows = TransformerStack.chunkRows(b, s * k * n * 4L, chunkBytes);
        NDArray total = null;
        for (long start = 0; start < b; start += rows) {
            long end = Math.min(b, start + rows);
            NDIndex range = new NDIndex().addSliceDim(start, end);
            NDArray logp = heads.apply(rows == b ? hidden : hidden.get(range))
                    .reshape(end - start, s, k, n)
                    .logSoftmax(3); // [b,S,K,N]
            NDArray t = rows == b ? targets : targets.get(range);
            NDArray w = rows == b ? weights : weights.get(range);
            NDArray picked = logp.gather(t, 3).mul(w).sum(new int[] {0, 1, 3}); // [K]
            total = total == null ? picked : total.add(picked);
        }
        return total.neg();
    }
}
