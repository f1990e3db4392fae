package dev.rvqlm.lm.fast;

/**
 * Keys and values of every layer for B sequences of at most {@code capacity} steps, in the layouts the attention
 * loops read contiguously: keys transposed, [B][H][dh][capacity] (scores are then axpys over the steps), values
 * [B][H][capacity][dh] (the output is an axpy of value rows).
 */
final class KvStore {

    private final float[][] keys; // per layer [B][H][dh][capacity]
    private final float[][] values; // per layer [B][H][capacity][dh]
    private final int capacity;

    KvStore(StackDims dims, int batch, int capacity) {
        long perLayer = (long) batch * dims.dim() * capacity;
        if (perLayer > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a key/value cache of B=" + batch + " × D=" + dims.dim() + " × "
                    + capacity + " steps is too large for one Java array per layer");
        }
        this.capacity = capacity;
        keys = new float[dims.layers()][(int) perLayer];
        values = new float[dims.layers()][(int) perLayer];
    }

    int capacity() {
        return capacity;
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }
}
