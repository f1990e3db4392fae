package dev.rvqlm.lm.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Lanes} on {@code jdk.incubator.vector}: fused multiply-adds over the widest vectors of the CPU. The
 * matrix product keeps several dot products in registers at once, so that each vector loaded from memory feeds
 * several multiply-adds: two rows of W against four sequences, or (one sequence) two rows with two partial sums.
 * Only loaded when the module is present (see {@link Lanes#BEST}).
 */
final class VectorLanes implements Lanes {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final Lanes SCALAR = new ScalarLanes(); // the tails shorter than a vector

    @Override
    public void matMul(float[] x, Linear w, float[] y, int batch, boolean accumulate, int from, int to) {
        Product p = new Product(x, w, y, accumulate);
        int o = from;
        if (batch < 4) { // one sequence at a time: four rows share each x vector
            for (; o + 3 < to; o += 4) {
                for (int b = 0; b < batch; b++) {
                    p.rows4x1(b, o);
                }
            }
        }
        for (; o + 1 < to; o += 2) {
            int b = 0;
            for (; b + 3 < batch; b += 4) {
                p.rows2x4(b, o);
            }
            for (; b < batch; b++) {
                p.rows2x1(b, o);
            }
        }
        for (; o < to; o++) {
            for (int b = 0; b < batch; b++) {
                p.single(b, o);
            }
        }
    }

    /** One product y (+)= x·Wᵀ: its arrays and sizes, shared by the blocks that compute it. */
    private static final class Product {
        private final float[] x;
        private final float[] w;
        private final float[] y;
        private final int in;
        private final int out;
        private final int body; // the columns the vectors cover; the rest are added one by one
        private final boolean accumulate;

        Product(float[] x, Linear linear, float[] y, boolean accumulate) {
            this.x = x;
            this.w = linear.weight();
            this.y = y;
            this.in = linear.in();
            this.out = linear.out();
            this.body = in - in % L;
            this.accumulate = accumulate;
        }

        /** Rows o, o+1 of W against sequences b…b+3: eight dot products, each W and x vector loaded once. */
        void rows2x4(int b, int o) {
            int w0 = o * in;
            int w1 = w0 + in;
            int x0 = b * in;
            FloatVector a00 = FloatVector.zero(S);
            FloatVector a01 = FloatVector.zero(S);
            FloatVector a02 = FloatVector.zero(S);
            FloatVector a03 = FloatVector.zero(S);
            FloatVector a10 = FloatVector.zero(S);
            FloatVector a11 = FloatVector.zero(S);
            FloatVector a12 = FloatVector.zero(S);
            FloatVector a13 = FloatVector.zero(S);
            for (int i = 0; i < body; i += L) {
                FloatVector v0 = FloatVector.fromArray(S, w, w0 + i);
                FloatVector v1 = FloatVector.fromArray(S, w, w1 + i);
                FloatVector u = FloatVector.fromArray(S, x, x0 + i);
                a00 = v0.fma(u, a00);
                a10 = v1.fma(u, a10);
                u = FloatVector.fromArray(S, x, x0 + in + i);
                a01 = v0.fma(u, a01);
                a11 = v1.fma(u, a11);
                u = FloatVector.fromArray(S, x, x0 + 2 * in + i);
                a02 = v0.fma(u, a02);
                a12 = v1.fma(u, a12);
                u = FloatVector.fromArray(S, x, x0 + 3 * in + i);
                a03 = v0.fma(u, a03);
                a13 = v1.fma(u, a13);
            }
            store(b, o, a00);
            store(b + 1, o, a01);
            store(b + 2, o, a02);
            store(b + 3, o, a03);
            store(b, o + 1, a10);
            store(b + 1, o + 1, a11);
            store(b + 2, o + 1, a12);
            store(b + 3, o + 1, a13);
        }

        /** Rows o…o+3 of W against sequence b: four dot products sharing each x vector. */
        void rows4x1(int b, int o) {
            int w0 = o * in;
            int xb = b * in;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int i = 0; i < body; i += L) {
                FloatVector u = FloatVector.fromArray(S, x, xb + i);
                a0 = FloatVector.fromArray(S, w, w0 + i).fma(u, a0);
                a1 = FloatVector.fromArray(S, w, w0 + in + i).fma(u, a1);
                a2 = FloatVector.fromArray(S, w, w0 + 2 * in + i).fma(u, a2);
                a3 = FloatVector.fromArray(S, w, w0 + 3 * in + i).fma(u, a3);
            }
            store(b, o, a0);
            store(b, o + 1, a1);
            store(b, o + 2, a2);
            store(b, o + 3, a3);
        }

        /** Rows o, o+1 of W against sequence b, with two partial sums each (the loads outpace one FMA chain). */
        void rows2x1(int b, int o) {
            int w0 = o * in;
            int w1 = w0 + in;
            int xb = b * in;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector c0 = FloatVector.zero(S);
            FloatVector c1 = FloatVector.zero(S);
            int i = 0;
            for (; i + 2 * L <= body; i += 2 * L) {
                FloatVector u = FloatVector.fromArray(S, x, xb + i);
                FloatVector u2 = FloatVector.fromArray(S, x, xb + i + L);
                a0 = FloatVector.fromArray(S, w, w0 + i).fma(u, a0);
                a1 = FloatVector.fromArray(S, w, w1 + i).fma(u, a1);
                c0 = FloatVector.fromArray(S, w, w0 + i + L).fma(u2, c0);
                c1 = FloatVector.fromArray(S, w, w1 + i + L).fma(u2, c1);
            }
            for (; i < body; i += L) {
                FloatVector u = FloatVector.fromArray(S, x, xb + i);
                a0 = FloatVector.fromArray(S, w, w0 + i).fma(u, a0);
                a1 = FloatVector.fromArray(S, w, w1 + i).fma(u, a1);
            }
            store(b, o, a0.add(c0));
            store(b, o + 1, a1.add(c1));
        }

        /** Row o of W against sequence b. */
        void single(int b, int o) {
            FloatVector a = FloatVector.zero(S);
            for (int i = 0; i < body; i += L) {
                a = FloatVector.fromArray(S, w, o * in + i).fma(FloatVector.fromArray(S, x, b * in + i), a);
            }
            store(b, o, a);
        }

        /** y[b][o] (+)= the lanes' sum plus the columns [body, in) the vectors did not cover. */
        private void store(int b, int o, FloatVector sum) {
            float v = sum.reduceLanes(VectorOperators.ADD);
            int xb = b * in;
            int wo = o * in;
            for (int i = body; i < in; i++) {
                v += x[xb + i] * w[wo + i];
            }
            int at = b * out + o;
            y[at] = accumulate ? y[at] + v : v;
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
    public void scores(float[] q, int qOff, int dh, float[] keys, int kOff, int stride, float[] scores, int t) {
        int j = 0;
        for (; j + 4 * L <= t; j += 4 * L) { // 4·L scores in registers, summed over the head's dimensions
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int i = 0; i < dh; i++) {
                FloatVector u = FloatVector.broadcast(S, q[qOff + i]);
                int k = kOff + i * stride + j;
                a0 = FloatVector.fromArray(S, keys, k).fma(u, a0);
                a1 = FloatVector.fromArray(S, keys, k + L).fma(u, a1);
                a2 = FloatVector.fromArray(S, keys, k + 2 * L).fma(u, a2);
                a3 = FloatVector.fromArray(S, keys, k + 3 * L).fma(u, a3);
            }
            a0.intoArray(scores, j);
            a1.intoArray(scores, j + L);
            a2.intoArray(scores, j + 2 * L);
            a3.intoArray(scores, j + 3 * L);
        }
        for (; j + L <= t; j += L) {
            FloatVector a = FloatVector.zero(S);
            for (int i = 0; i < dh; i++) {
                a = FloatVector.fromArray(S, keys, kOff + i * stride + j).fma(FloatVector.broadcast(S, q[qOff + i]), a);
            }
            a.intoArray(scores, j);
        }
        for (; j < t; j++) {
            float sum = 0;
            for (int i = 0; i < dh; i++) {
                sum += q[qOff + i] * keys[kOff + i * stride + j];
            }
            scores[j] = sum;
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
