package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Preallocated keys and values per layer, written in place as decoding advances; plus each layer's QKV weight with
 * pre-scaled query rows for the one-step fast path. Keys are stored transposed, [B, H, dh, capacity], so that a
 * step reads q·Kᵀ's right operand directly; they are written through a long-lived [B, H, capacity, dh] view of the
 * same storage. Values are [B, H, capacity, dh]. Keys and values stay in separate arrays: a prefix view keeps B and
 * H collapsible, so the batched matmul reads it without a copy.
 */
final class KvCache {

    private final NDArray[] keysT; // [B,H,dh,capacity]
    private final NDArray[] keys; // [B,H,capacity,dh], a view of keysT
    private final NDArray[] values; // [B,H,capacity,dh]
    private final NDArray[] scaledQkv;
    private final int capacity;

    KvCache(NDManager manager, TransformerStack stack, int batch, int capacity) {
        ModelShape blocks = stack.shape();
        this.capacity = capacity;
        keysT = new NDArray[blocks.layers()];
        keys = new NDArray[blocks.layers()];
        values = new NDArray[blocks.layers()];
        scaledQkv = new NDArray[blocks.layers()];
        for (int l = 0; l < blocks.layers(); l++) {
            keysT[l] = manager.zeros(new Shape(batch, blocks.heads(), blocks.headDim(), capacity));
            keys[l] = keysT[l].transpose(0, 1, 3, 2);
            values[l] = manager.zeros(new Shape(batch, blocks.heads(), capacity, blocks.headDim()));
            scaledQkv[l] = stack.scaledQkv(l, manager);
        }
    }

    /**
     * Writes keys and values [B, H, S, dh] of steps {@code position…position+S-1} and returns views of all keys and
     * values so far, {keys, values}, each [B, H, position+S, dh], owned by {@code owner}.
     */
    NDArray[] append(int layer, NDArray k, NDArray v, int position, NDManager owner) {
        write(layer, k, v, position);
        NDIndex read = new NDIndex()
                .addAllDim(2)
                .addSliceDim(0, position + k.getShape().get(2));
        return owned(owner, keys[layer].get(read), values[layer].get(read));
    }

    /**
     * As {@link #append} for one step, returning {transposed keys [B, H, dh, position+1], values [B, H,
     * position+1, dh]}.
     */
    NDArray[] appendOne(int layer, NDArray k, NDArray v, int position, NDManager owner) {
        write(layer, k, v, position);
        return owned(
                owner,
                keysT[layer].get(new NDIndex().addAllDim(3).addSliceDim(0, position + 1)),
                values[layer].get(new NDIndex().addAllDim(2).addSliceDim(0, position + 1)));
    }

    private void write(int layer, NDArray k, NDArray v, int position) {
        NDIndex at = new NDIndex()
                .addAllDim(2)
                .addSliceDim(position, position + k.getShape().get(2));
        keys[layer].set(at, k); // into keysT's storage
        values[layer].set(at, v);
    }

    private static NDArray[] owned(NDManager owner, NDArray k, NDArray v) {
        k.attach(owner);
        v.attach(owner);
        return new NDArray[] {k, v};
    }

    NDArray scaledQkv(int layer) {
        return scaledQkv[layer];
    }

    int capacity() {
        return capacity;
    }
}
