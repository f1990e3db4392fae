package dev.rvqlm.lm.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Lanes} on {@code jdk.incubator.vector}: fused multiply-adds over the widest vectors of the CPU. The
 * matrix product reads its weights in panels of L outputs ({@link #pack}) and keeps several vectors of sums in
 * registers, so that each vector loaded from memory feeds several multiply-adds: two panels against four sequences,
 * or (one sequence) four panels. Only loaded when the module is present (see {@link Lanes#BEST}).
 */
final class VectorLanes implements Lanes {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final Lanes SCALAR = new ScalarLanes(); // the tails shorter than a vector
    private static final VectorSpecies<Float> P = FloatVector.SPECIES_256; // one panel of keys: 8 floats

    /**
     * Panels of L outputs: panel p holds, for each input i, the weights of outputs pL…pL+L−1 side by side
     * ({@code packed[(p·in + i)·L + lane] = W[pL + lane][i]}, rows past {@code out} zero). A product then loads one
     * vector of weights per input and panel and multiplies it by x_i broadcast: L outputs at once, read
     * contiguously, with no horizontal sums.
     */
    @Override
    public float[] pack(float[] weight, int in, int out) {
        int panels = (out + L - 1) / L;
        float[] packed = new float[panels * in * L];
        for (int o = 0; o < out; o++) {
            int p = o / L;
            int lane = o % L;
            for (int i = 0; i < in; i++) {
                packed[(p * in + i) * L + lane] = weight[o * in + i];
            }
        }
        return packed;
    }

    @Override
    public void matMul(float[] x, Linear w, float[] y, int batch, boolean accumulate, int from, int to) {
        Product p = new Product(x, w, y, accumulate);
        int first = from / L;
        int end = (to + L - 1) / L; // panels [first, end); the last may be partly past {@code to}
        int b = 0;
        for (; b + 3 < batch; b += 4) { // four sequences share each weight vector
            int panel = first;
            for (; panel + 1 < end; panel += 2) {
                p.panels2x4(panel, b, to);
            }
            for (; panel < end; panel++) {
                for (int r = b; r < b + 4; r++) {
                    p.panels1x1(panel, r, to);
                }
            }
        }
        for (; b < batch; b++) { // one sequence: four panels in flight
            int panel = first;
            for (; panel + 3 < end; panel += 4) {
                p.panels4x1(panel, b, to);
            }
            for (; panel < end; panel++) {
                p.panels1x1(panel, b, to);
            }
        }
    }

    /** One product y (+)= x·Wᵀ over packed panels: its arrays and sizes, shared by the blocks that compute it. */
    private static final class Product {
        private final float[] x;
        private final float[] w;
        private final float[] y;
        private final int in;
        private final int out;
        private final boolean accumulate;

        Product(float[] x, Linear linear, float[] y, boolean accumulate) {
            this.x = x;
            this.w = linear.packed();
            this.y = y;
            this.in = linear.in();
            this.out = linear.out();
            this.accumulate = accumulate;
        }

        /** Panels p, p+1 against sequences b…b+3: eight vectors of sums, each weight vector loaded once. */
        void panels2x4(int p, int b, int to) {
            FloatVector a00 = start(b, p, to);
            FloatVector a01 = start(b + 1, p, to);
            FloatVector a02 = start(b + 2, p, to);
            FloatVector a03 = start(b + 3, p, to);
            FloatVector a10 = start(b, p + 1, to);
            FloatVector a11 = start(b + 1, p + 1, to);
            FloatVector a12 = start(b + 2, p + 1, to);
            FloatVector a13 = start(b + 3, p + 1, to);
            int w0 = p * in * L;
            int w1 = w0 + in * L;
            int x0 = b * in;
            for (int i = 0; i < in; i++) {
                FloatVector v0 = FloatVector.fromArray(S, w, w0 + i * L);
                FloatVector v1 = FloatVector.fromArray(S, w, w1 + i * L);
                FloatVector u = FloatVector.broadcast(S, x[x0 + i]);
                a00 = v0.fma(u, a00);
                a10 = v1.fma(u, a10);
                u = FloatVector.broadcast(S, x[x0 + in + i]);
                a01 = v0.fma(u, a01);
                a11 = v1.fma(u, a11);
                u = FloatVector.broadcast(S, x[x0 + 2 * in + i]);
                a02 = v0.fma(u, a02);
                a12 = v1.fma(u, a12);
                u = FloatVector.broadcast(S, x[x0 + 3 * in + i]);
                a03 = v0.fma(u, a03);
                a13 = v1.fma(u, a13);
            }
            finish(b, p, to, a00);
            finish(b + 1, p, to, a01);
            finish(b + 2, p, to, a02);
            finish(b + 3, p, to, a03);
            finish(b, p + 1, to, a10);
            finish(b + 1, p + 1, to, a11);
            finish(b + 2, p + 1, to, a12);
            finish(b + 3, p + 1, to, a13);
        }

        /** Panels p…p+3 against sequence b: four streams of weights, one broadcast of x_i for all of them. */
        void panels4x1(int p, int b, int to) {
            FloatVector a0 = start(b, p, to);
            FloatVector a1 = start(b, p + 1, to);
            FloatVector a2 = start(b, p + 2, to);
            FloatVector a3 = start(b, p + 3, to);
            int w0 = p * in * L;
            int step = in * L;
            int xb = b * in;
            for (int i = 0; i < in; i++) {
                FloatVector u = FloatVector.broadcast(S, x[xb + i]);
                int at = w0 + i * L;
                a0 = FloatVector.fromArray(S, w, at).fma(u, a0);
                a1 = FloatVector.fromArray(S, w, at + step).fma(u, a1);
                a2 = FloatVector.fromArray(S, w, at + 2 * step).fma(u, a2);
                a3 = FloatVector.fromArray(S, w, at + 3 * step).fma(u, a3);
            }
            finish(b, p, to, a0);
            finish(b, p + 1, to, a1);
            finish(b, p + 2, to, a2);
            finish(b, p + 3, to, a3);
        }

        /** Panel p against sequence b. */
        void panels1x1(int p, int b, int to) {
            FloatVector a = start(b, p, to);
            int w0 = p * in * L;
            for (int i = 0; i < in; i++) {
                a = FloatVector.fromArray(S, w, w0 + i * L).fma(FloatVector.broadcast(S, x[b * in + i]), a);
            }
            finish(b, p, to, a);
        }

        /** The sums' starting values: y's outputs of panel p for sequence b when accumulating, else zeros. */
        private FloatVector start(int b, int p, int to) {
            if (!accumulate) {
                return FloatVector.zero(S);
            }
            int o = p * L;
            if (o + L <= to) {
                return FloatVector.fromArray(S, y, b * out + o);
            }
            float[] part = new float[L];
            System.arraycopy(y, b * out + o, part, 0, to - o);
            return FloatVector.fromArray(S, part, 0);
        }

        /** Writes the outputs of panel p for sequence b that lie before {@code to}. */
        private void finish(int b, int p, int to, FloatVector sums) {
            int o = p * L;
            if (o + L <= to) {
                sums.intoArray(y, b * out + o);
            } else {
                float[] part = sums.toArray();
                System.arraycopy(part, 0, y, b * out + o, to - o);
            }
        }
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, x, xOff + i)
                    .fma(av, FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    @Override
    public void scores(float[] q, int qOff, int dh, float[] keys, int kOff, float[] scores, int t) {
        int panel = KvStore.PANEL;
        int j = 0;
        for (; j + 4 * panel <= t; j += 4 * panel) { // four panels (32 steps) in registers, four contiguous streams
            int base = kOff + j * dh;
            int next = dh * panel;
            FloatVector a0 = FloatVector.zero(P);
            FloatVector a1 = FloatVector.zero(P);
            FloatVector a2 = FloatVector.zero(P);
            FloatVector a3 = FloatVector.zero(P);
            for (int i = 0; i < dh; i++) {
                FloatVector u = FloatVector.broadcast(P, q[qOff + i]);
                int k = base + i * panel;
                a0 = FloatVector.fromArray(P, keys, k).fma(u, a0);
                a1 = FloatVector.fromArray(P, keys, k + next).fma(u, a1);
                a2 = FloatVector.fromArray(P, keys, k + 2 * next).fma(u, a2);
                a3 = FloatVector.fromArray(P, keys, k + 3 * next).fma(u, a3);
            }
            a0.intoArray(scores, j);
            a1.intoArray(scores, j + panel);
            a2.intoArray(scores, j + 2 * panel);
            a3.intoArray(scores, j + 3 * panel);
        }
        for (; j < t; j += panel) { // the last panels, the final one perhaps partly past t
            FloatVector a = FloatVector.zero(P);
            int base = kOff + j * dh;
            for (int i = 0; i < dh; i++) {
                a = FloatVector.fromArray(P, keys, base + i * panel).fma(FloatVector.broadcast(P, q[qOff + i]), a);
            }
            a.intoArray(scores, j);
        }
    }

    @Override
    public void mix(float[] p, int t, float[] values, int vOff, int dh, float[] out, int outOff) {
        int i = 0;
        for (; i + 4 * L <= dh; i += 4 * L) { // four vectors of the output in registers: independent FMA chains
            FloatVector a0 = FloatVector.fromArray(S, out, outOff + i);
            FloatVector a1 = FloatVector.fromArray(S, out, outOff + i + L);
            FloatVector a2 = FloatVector.fromArray(S, out, outOff + i + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, out, outOff + i + 3 * L);
            for (int j = 0; j < t; j++) {
                FloatVector u = FloatVector.broadcast(S, p[j]);
                int v = vOff + j * dh + i;
                a0 = FloatVector.fromArray(S, values, v).fma(u, a0);
                a1 = FloatVector.fromArray(S, values, v + L).fma(u, a1);
                a2 = FloatVector.fromArray(S, values, v + 2 * L).fma(u, a2);
                a3 = FloatVector.fromArray(S, values, v + 3 * L).fma(u, a3);
            }
            a0.intoArray(out, outOff + i);
            a1.intoArray(out, outOff + i + L);
            a2.intoArray(out, outOff + i + 2 * L);
            a3.intoArray(out, outOff + i + 3 * L);
        }
        for (; i + L <= dh; i += L) {
            FloatVector a = FloatVector.fromArray(S, out, outOff + i);
            for (int j = 0; j < t; j++) {
                a = FloatVector.fromArray(S, values, vOff + j * dh + i).fma(FloatVector.broadcast(S, p[j]), a);
            }
            a.intoArray(out, outOff + i);
        }
        for (; i < dh; i++) {
            float sum = out[outOff + i];
            for (int j = 0; j < t; j++) {
                sum += p[j] * values[vOff + j * dh + i];
            }
            out[outOff + i] = sum;
        }
    }

    @Override
    public void gelu(float[] a, int off, int n) {
        int i = off;
        for (; i + L <= off + n; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, i);
            FloatVector z = x.mul((float) Kernels.SQRT1_2);
            FloatVector az = z.abs();
            FloatVector t = FloatVector.broadcast(S, 1f)
                    .div(az.mul((float) Kernels.ERF_P).add(1f));
            FloatVector poly = t.mul((float) Kernels.ERF_A[4])
                    .add((float) Kernels.ERF_A[3])
                    .mul(t)
                    .add((float) Kernels.ERF_A[2])
                    .mul(t)
                    .add((float) Kernels.ERF_A[1])
                    .mul(t)
                    .add((float) Kernels.ERF_A[0])
                    .mul(t);
            FloatVector erfAbs = poly.mul(az.mul(az).neg().lanewise(VectorOperators.EXP))
                    .neg()
                    .add(1f); // erf(|z|)
            FloatVector erf = erfAbs.blend(erfAbs.neg(), z.lt(0f));
            erf.add(1f).mul(x).mul(0.5f).intoArray(a, i);
        }
        SCALAR.gelu(a, i, off + n - i);
    }

    @Override
    public void softmax(float[] a, int off, int n) {
        int body = n - n % L;
        FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < body; i += L) {
            m = m.max(FloatVector.fromArray(S, a, off + i));
        }
        float max = m.reduceLanes(VectorOperators.MAX);
        for (int i = body; i < n; i++) {
            max = Math.max(max, a[off + i]);
        }
        FloatVector sums = FloatVector.zero(S);
        for (int i = 0; i < body; i += L) {
            FloatVector e = FloatVector.fromArray(S, a, off + i).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(a, off + i);
            sums = sums.add(e);
        }
        double sum = sums.reduceLanes(VectorOperators.ADD);
        for (int i = body; i < n; i++) {
            float e = (float) Math.exp(a[off + i] - max);
            a[off + i] = e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        for (int i = 0; i < body; i += L) {
            FloatVector.fromArray(S, a, off + i).mul(inv).intoArray(a, off + i);
        }
        for (int i = body; i < n; i++) {
            a[off + i] *= inv;
        }
    }

    @Override
    public String describe() {
        return "vector (" + L + " lanes)";
    }
}
