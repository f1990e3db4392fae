package dev.rvqlm.lm.fast;

/**
 * A bias-free linear layer of the Java engine: PyTorch's weight layout, [out][in], each output's weights
 * contiguous, so that every output is a dot product of two contiguous rows.
 *
 * <pre>{@code
 * Linear ff1 = new Linear(w, 256, 1024);
 * ff1.apply(x, h, batch, workers);    // h [B][1024] = x [B][256] · Wᵀ
 * ff2.addTo(h, x, batch, workers);    // x += h · W2ᵀ (a residual add for free)
 * }</pre>
 */
record Linear(float[] weight, int in, int out) {

    Linear {
        if ((long) in * out != weight.length) {
            throw new IllegalArgumentException(
                    "a " + out + "×" + in + " weight has " + (long) in * out + " values, got " + weight.length);
        }
    }

    /** y [B][out] = x [B][in] · Wᵀ, the outputs split over the workers' threads. */
    void apply(float[] x, float[] y, int batch, Workers workers) {
        workers.run((part, parts) -> rows(x, y, batch, false, part, parts));
    }

    /** y [B][out] += x [B][in] · Wᵀ, the outputs split over the workers' threads. */
    void addTo(float[] x, float[] y, int batch, Workers workers) {
        workers.run((part, parts) -> rows(x, y, batch, true, part, parts));
    }

    /** Part {@code part} of {@code parts} of the product: a range of outputs, cut at multiples of four. */
    void rows(float[] x, float[] y, int batch, boolean accumulate, int part, int parts) {
        Lanes.BEST.matMul(x, this, y, batch, accumulate, split(part, parts), split(part + 1, parts));
    }

    /** The first output of part {@code part} (a multiple of four, or {@code out} at the end). */
    int split(int part, int parts) {
        return part == parts ? out : Workers.from(out / 4, part, parts) * 4;
    }
}
