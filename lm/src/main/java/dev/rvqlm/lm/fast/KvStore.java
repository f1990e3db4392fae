package dev.rvqlm.lm.fast;

/**
 * Keys and values of every layer for B sequences of at most {@code capacity} steps, in the layouts the attention
 * loops read contiguously: keys in panels of {@value #PANEL} steps, [B][H][capacity/8][dh][8] (the scores of eight
 * steps are then one vector, summed over the head's dimensions from one contiguous block), values
 * [B][H][capacity][dh] (the output is a sum of value rows).
 */
final class KvStore {

    /** Steps per panel of keys: one 256-bit vector of floats. */
    static final int PANEL = 8;

    private final float[][] keys; // per layer [B][H][panels][dh][PANEL]
    private final float[][] values; // per layer [B][H][capacity][dh]
    private final int capacity;
    private final int panels;
    private final int headDim;

    KvStore(StackDims dims, int batch, int capacity) {
        panels = (capacity + PANEL - 1) / PANEL;
        long perLayer = (long) batch * dims.dim() * panels * PANEL;
        if (perLayer > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a key/value cache of B=" + batch + " × D=" + dims.dim() + " × "
                    + capacity + " steps is too large for one Java array per layer");
        }
        this.capacity = capacity;
        this.headDim = dims.headDim();
        keys = new float[dims.layers()][(int) perLayer];
        values = new float[dims.layers()][batch * dims.dim() * capacity];
    }

    int capacity() {
        return capacity;
    }

    /** The capacity rounded up to whole panels: the length a row of scores needs. */
    int paddedCapacity() {
        return panels * PANEL;
    }

    /** Where the keys of (sequence, head) block {@code head} start in a layer's key array. */
    int keysOffset(int head) {
        return head * panels * headDim * PANEL;
    }

    /** Where dimension i of the key of step {@code position} of block {@code head} is. */
    int keyIndex(int head, int position, int i) {
        return keysOffset(head) + ((position / PANEL) * headDim + i) * PANEL + position % PANEL;
    }

    /** Where the values of (sequence, head) block {@code head} start in a layer's value array. */
    int valuesOffset(int head) {
        return head * capacity * headDim;
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }
}
