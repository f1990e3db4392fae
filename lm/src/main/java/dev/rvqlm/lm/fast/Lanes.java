package dev.rvqlm.lm.fast;

/**
 * The innermost loops of the Java engine, in two implementations: SIMD through {@code jdk.incubator.vector}
 * ({@link VectorLanes}, when the JVM was started with {@code --add-modules jdk.incubator.vector}, as the {@code rvq}
 * launcher and the tests do) and plain scalar loops ({@link ScalarLanes}) otherwise. Java 17's JIT does not
 * vectorise these loops by itself (it cannot rule out that the two arrays of an axpy are one array, and it never
 * reorders a floating-point sum), so the vector module makes the engine about five times faster.
 */
interface Lanes {

    /** The implementation this JVM can run, chosen once. */
    Lanes BEST = choose();

    /** A linear layer's PyTorch [out][in] weight in the layout {@link #matMul} reads. */
    float[] pack(float[] weight, int in, int out);

    /**
     * Outputs [from, to) of y [B][out] = x [B][in] · Wᵀ, or of y += x · Wᵀ with {@code accumulate} (see
     * {@link Linear}); {@code from} is a multiple of {@link Linear#ALIGN}.
     */
    void matMul(float[] x, Linear w, float[] y, int batch, boolean accumulate, int from, int to);

    /** y[yOff…+n) += a · x[xOff…+n). */
    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * Attention scores of one query over t keys stored in panels of {@link KvStore#PANEL} steps ({@code keys[kOff +
     * ((j/8)·dh + i)·8 + j%8]} is dimension i of step j): {@code scores[j] = Σ_i q[qOff+i] · key_j[i]} for j in
     * [0, t); whole panels are computed, so {@code scores} holds t rounded up to a panel.
     */
    void scores(float[] q, int qOff, int dh, float[] keys, int kOff, float[] scores, int t);

    /** The attention output: {@code out[outOff+i] += Σ_j p[j] · values[vOff + j·dh + i]} for j in [0, t), i < dh. */
    void mix(float[] p, int t, float[] values, int vOff, int dh, float[] out, int outOff);

    /** Exact GELU, {@code x · ½(1 + erf(x/√2))}, in place over {@code a[off…+n)} (erf as {@link Kernels#erf}). */
    void gelu(float[] a, int off, int n);

    /** Softmax in place over {@code a[off…+n)}, the maximum subtracted first. */
    void softmax(float[] a, int off, int n);

    /** A name for records and logs: "vector (8 lanes)" or "scalar". */
    String describe();

    private static Lanes choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarLanes();
        }
        try { // by name: a JVM without the module must never link the class
            return (Lanes) Class.forName("dev.rvqlm.lm.fast.VectorLanes")
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new ScalarLanes();
        }
    }
}
