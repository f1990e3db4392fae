package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Preallocated keys and values, [B, H, capacity, D/H] per layer, written in place as decoding advances. */
final class KvCache {

    private final NDArray[] keys;
    private final NDArray[] values;
    private final int capacity;

    KvCache(NDManager manager, LmConfig config, int batch, int capacity) {
        this.capacity = capacity;
        Shape shape = new Shape(batch, config.heads(), capacity, config.headDim());
        keys = new NDArray[config.layers()];
        values = new NDArray[config.layers()];
        for (int l = 0; l < config.layers(); l++) {
            keys[l] = manager.zeros(shape);
            values[l] = manager.zeros(shape);
        }
    }

    NDArray keys(int layer) {
        return keys[layer];
    }

    NDArray values(int layer) {
        return values[layer];
    }

    int capacity() {
        return capacity;
    }
}
