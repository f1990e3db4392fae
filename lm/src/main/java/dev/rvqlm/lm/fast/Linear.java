package dev.rvqlm.lm.fast;

/**
 * A bias-free linear layer of the Java engine, made from PyTorch's [out][in] weight and kept in the layout its
 * {@link Lanes} reads fastest ({@link Lanes#pack}).
 *
 * <pre>{@code
 * Linear ff1 = new Linear(w, 256, 1024);              // w: PyTorch's [1024][256]
 * ff1.apply(x, h, batch, workers);                    // h [B][1024] = x [B][256] · Wᵀ
 * ff2.addTo(h, x, batch, workers);                    // x += h · W2ᵀ (a residual add for free)
 * }</pre>
 */
final class Linear {

    /** Parts of a product split over threads start at multiples of this many outputs (whole SIMD panels). */
    static final int ALIGN = 16;

    private final Lanes lanes;
    private final float[] packed;
    private final int in;
    private final int out;

    /** @param weight PyTorch's [out][in] weight (not kept: the layer holds its packed copy) */
    Linear(float[] weight, int in, int out) {
        this(weight, in, out, Lanes.BEST);
    }

    /** As {@link #Linear(float[], int, int)}, on the given loops (the tests run both implementations). */
    Linear(float[] weight, int in, int out, Lanes lanes) {
        if ((long) in * out != weight.length) {
            throw new IllegalArgumentException(
                    "a " + out + "×" + in + " weight has " + (long) in * out + " values, got " + weight.length);
        }
        this.in = in;
        this.out = out;
        this.lanes = lanes;
        this.packed = lanes.pack(weight, in, out);
    }

    /** The weights in the layout of {@link Lanes#pack}. */
    float[] packed() {
        return packed;
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    /** y [B][out] = x [B][in] · Wᵀ, the outputs split over the workers' threads. */
    void apply(float[] x, float[] y, int batch, Workers workers) {
        workers.run((part, parts) -> rows(x, y, batch, false, part, parts));
    }

    /** y [B][out] += x [B][in] · Wᵀ, the outputs split over the workers' threads. */
    void addTo(float[] x, float[] y, int batch, Workers workers) {
        workers.run((part, parts) -> rows(x, y, batch, true, part, parts));
    }

    /** Part {@code part} of {@code parts} of the product: a range of outputs, cut at multiples of {@link #ALIGN}. */
    void rows(float[] x, float[] y, int batch, boolean accumulate, int part, int parts) {
        lanes.matMul(x, this, y, batch, accumulate, split(part, parts), split(part + 1, parts));
    }

    /** The first output of part {@code part} (a multiple of {@link #ALIGN}, or {@code out} at the end). */
    int split(int part, int parts) {
        return part == parts ? out : Math.min(out, Workers.from((out + ALIGN - 1) / ALIGN, part, parts) * ALIGN);
    }
}
