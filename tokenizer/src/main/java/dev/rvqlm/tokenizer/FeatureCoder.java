package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.rvq.Codebooks;
import java.util.Map;

/**
 * The part of a codec that turns a clip's feature frames ([T][D] gain-shape or other shaped MDCT vectors) into K
 * streams of codes and back: the classical RVQ on the features themselves ({@link ClassicalCoder}) or a learned
 * encoder → RVQ on latents → decoder ({@link dev.rvqlm.tokenizer.learned.LearnedCoder}). Thread-safe;
 * {@link #close()} frees native memory.
 */
public interface FeatureCoder extends AutoCloseable {

    /** @return [K][T] codes for [T][D] features */
    int[][] encode(float[][] features);

    /** @return [T][D] features from the first {@code firstK} rows of [K'][T] codes */
    float[][] decode(int[][] codes, int firstK);

    /** The K residual-VQ codebooks (on the features or on the latents). */
    Codebooks codebooks();

    /** "classical" or "learned", as stored in the codec file. */
    String kind();

    /** Every array the codec file stores, by name, in file order; shapes from {@link #tensorShapes()}. */
    Map<String, float[]> tensors();

    /** Shapes of {@link #tensors()}. */
    Map<String, long[]> tensorShapes();

    @Override
    void close();
}
