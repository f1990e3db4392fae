package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Preallocated keys and values, [B, H, capacity, D/H] per layer, written in place as decoding advances; plus each
 * layer's QKV weight with pre-scaled query rows for the one-step fast path. Keys and values stay in separate arrays:
 * a prefix view of [B, H, capacity, dh] keeps B and H collapsible, so the batched matmul reads it without a copy.
 */
final class KvCache {

    private final NDArray[] keys;
    private final NDArray[] values;
    private final NDArray[] scaledQkv;
    private final int capacity;

    KvCache(NDManager manager, TransformerStack stack, int batch, int capacity) {
        BlockShape blocks = stack.shape();
        this.capacity = capacity;
        Shape shape = new Shape(batch, blocks.heads(), capacity, blocks.headDim());
        keys = new NDArray[blocks.layers()];
        values = new NDArray[blocks.layers()];
        scaledQkv = new NDArray[blocks.layers()];
        for (int l = 0; l < blocks.layers(); l++) {
            keys[l] = manager.zeros(shape);
            values[l] = manager.zeros(shape);
            scaledQkv[l] = stack.scaledQkv(l, manager);
        }
    }

    /**
     * Writes keys and values [B, H, S, dh] of steps {@code position…position+S-1} and returns views of all keys and
     * values so far, {keys, values}, each [B, H, position+S, dh], owned by {@code owner}.
     */
    NDArray[] append(int layer, NDArray k, NDArray v, int position, NDManager owner) {
        long s = k.getShape().get(2);
        NDIndex write = new NDIndex().addAllDim(2).addSliceDim(position, position + s);
        keys[layer].set(write, k);
        values[layer].set(write, v);
        NDIndex read = new NDIndex().addAllDim(2).addSliceDim(0, position + s);
        NDArray[] prefix = {keys[layer].get(read), values[layer].get(read)};
        prefix[0].attach(owner);
        prefix[1].attach(owner);
        return prefix;
    }

    NDArray scaledQkv(int layer) {
        return scaledQkv[layer];
    }

    int capacity() {
        return capacity;
    }
}
