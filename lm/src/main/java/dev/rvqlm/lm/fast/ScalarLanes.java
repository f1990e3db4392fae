package dev.rvqlm.lm.fast;

/** {@link Lanes} in plain Java: the fallback when the JVM has no {@code jdk.incubator.vector} module. */
final class ScalarLanes implements Lanes {

    /** PyTorch's own layout: each output's weights contiguous, a dot product per output. */
    @Override
    public float[] pack(float[] weight, int in, int out) {
        return weight;
    }

    @Override
    public void matMul(float[] x, Linear linear, float[] y, int batch, boolean accumulate, int from, int to) {
        float[] w = linear.packed();
        int in = linear.in();
        int out = linear.out();
        for (int b = 0; b < batch; b++) {
            int xb = b * in;
            for (int o = from; o < to; o++) {
                int wo = o * in;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                int i = 0;
                for (; i + 3 < in; i += 4) { // four partial sums: the adds do not wait on each other
                    s0 += x[xb + i] * w[wo + i];
                    s1 += x[xb + i + 1] * w[wo + i + 1];
                    s2 += x[xb + i + 2] * w[wo + i + 2];
                    s3 += x[xb + i + 3] * w[wo + i + 3];
                }
                for (; i < in; i++) {
                    s0 += x[xb + i] * w[wo + i];
                }
                float sum = (s0 + s1) + (s2 + s3);
                y[b * out + o] = accumulate ? y[b * out + o] + sum : sum;
            }
        }
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    @Override
    public void scores(float[] q, int qOff, int dh, float[] keys, int kOff, float[] scores, int t) {
        int panel = KvStore.PANEL;
        for (int j0 = 0; j0 < t; j0 += panel) {
            java.util.Arrays.fill(scores, j0, j0 + panel, 0f);
            int base = kOff + j0 * dh; // panel j0/8 starts at (j0/8)·dh·8
            for (int i = 0; i < dh; i++) {
                axpy(q[qOff + i], keys, base + i * panel, scores, j0, panel);
            }
        }
    }

    @Override
    public void mix(float[] p, int t, float[] values, int vOff, int dh, float[] out, int outOff) {
        for (int j = 0; j < t; j++) {
            axpy(p[j], values, vOff + j * dh, out, outOff, dh);
        }
    }

    @Override
    public void gelu(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) {
            double x = a[i];
            a[i] = (float) (0.5 * x * (1 + Kernels.erf(x * Kernels.SQRT1_2)));
        }
    }

    @Override
    public void softmax(float[] a, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) {
            max = Math.max(max, a[i]);
        }
        double sum = 0;
        for (int i = off; i < off + n; i++) {
            float e = (float) Math.exp(a[i] - max);
            a[i] = e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        for (int i = off; i < off + n; i++) {
            a[i] *= inv;
        }
    }

    @Override
    public String describe() {
        return "scalar";
    }
}
