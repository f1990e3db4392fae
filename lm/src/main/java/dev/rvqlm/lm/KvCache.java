package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Preallocated keys and values, one [B, 2, H, capacity, D/H] array per layer (index 0 keys, 1 values), written in
 * place as decoding advances; plus each layer's QKV weight with pre-scaled query rows for the one-step fast path.
 */
final class KvCache {

    private static final NDIndex KEYS = new NDIndex().addAllDim().addIndices(0);
    private static final NDIndex VALUES = new NDIndex().addAllDim().addIndices(1);

    private final NDArray[] cache;
    private final NDArray[] scaledQkv;
    private final int capacity;

    KvCache(NDManager manager, LmModel model, int batch, int capacity) {
        LmConfig config = model.config();
        this.capacity = capacity;
        Shape shape = new Shape(batch, 2, config.heads(), capacity, config.headDim());
        cache = new NDArray[config.layers()];
        scaledQkv = new NDArray[config.layers()];
        for (int l = 0; l < config.layers(); l++) {
            cache[l] = manager.zeros(shape);
            scaledQkv[l] = model.scaledQkv(l, manager);
        }
    }

    /**
     * Writes keys and values [B, 2, H, S, dh] of steps {@code position…position+S-1} and returns views of all keys
     * and values so far, {keys, values}, each [B, H, position+S, dh], owned by {@code owner}.
     */
    NDArray[] append(int layer, NDArray keysAndValues, int position, NDManager owner) {
        long s = keysAndValues.getShape().get(3);
        cache[layer].set(new NDIndex().addAllDim(3).addSliceDim(position, position + s), keysAndValues);
        NDArray prefix = cache[layer].get(new NDIndex().addAllDim(3).addSliceDim(0, position + s));
        prefix.attach(owner);
        return new NDArray[] {prefix.get(KEYS), prefix.get(VALUES)};
    }

    NDArray scaledQkv(int layer) {
        return scaledQkv[layer];
    }

    int capacity() {
        return capacity;
    }
}
