package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

/**
 * K embedding tables of V = N + 1 rows (row N the special token), stored as one [K·V, D] parameter: a [B][K][S]
 * sequence becomes row indices (value + k·V) and its embeddings, per codebook or summed over the K codebooks.
 */
final class CodebookEmbedding {

    private final int codebooks;
    private final int codebookSize;
    private final NDArray table; // [K·V, D]

    CodebookEmbedding(int codebooks, int codebookSize, NDArray table) {
        this.codebooks = codebooks;
        this.codebookSize = codebookSize;
        this.table = table;
    }

    /** Adds the table, N(0, 0.02) as nanoGPT, under {@code name}. */
    static void describe(ParameterTable.Builder t, String name, int codebooks, int codebookSize, int dim) {
        t.add(name, ParameterTable.Init.normal(0.02), (long) codebooks * (codebookSize + 1), dim);
    }

    /**
     * Turns a [B][K][S] sequence (values in [0, N], N the special token) into embedding-row indices [B, K, S]
     * (value + k·V) in {@code m}.
     *
     * @throws IllegalArgumentException if K differs from the model's, rows differ in length or a value is out of range
     */
    NDArray indices(NDManager m, int[][][] sequence) {
        int b = sequence.length;
        int k = codebooks;
        int s = b == 0 ? 0 : sequence[0].length == 0 ? 0 : sequence[0][0].length;
        int[] flat = new int[b * k * s];
        int v = codebookSize + 1;
        for (int i = 0; i < b; i++) {
            if (sequence[i].length != k) {
                throw new IllegalArgumentException(
                        "sequence has K=" + sequence[i].length + " codebooks but the model has K=" + k);
            }
            for (int q = 0; q < k; q++) {
                if (sequence[i][q].length != s) {
                    throw new IllegalArgumentException(
                            "sequence rows differ in length: " + s + " and " + sequence[i][q].length);
                }
                for (int j = 0; j < s; j++) {
                    int code = sequence[i][q][j];
                    if (code < 0 || code > codebookSize) {
                        throw new IllegalArgumentException("code " + code + " at codebook " + q + ", step " + j
                                + " is outside [0, N=" + codebookSize + "] (N is the special token)");
                    }
                    flat[(i * k + q) * s + j] = code + q * v;
                }
            }
        }
        return m.create(flat, new Shape(b, k, s));
    }

    /** Embeddings [B,K,S,D] of row indices [B,K,S]. */
    NDArray embed(NDArray indices) {
        return Embedding.embedding(indices, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** Σ_k Emb_k, [B,S,D], of row indices [B,K,S]. */
    NDArray sum(NDArray indices) {
        return embed(indices).sum(new int[] {1});
    }
}
