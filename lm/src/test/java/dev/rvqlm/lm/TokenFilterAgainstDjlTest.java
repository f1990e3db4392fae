package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sampler's filters (shared by both engines) against DJL's ops: top-k as {@code topK} picks the codes,
 * top-p as a descending sort and a cumulative sum (AudioCraft's {@code sample_top_p}) keeps them.
 */
class TokenFilterAgainstDjlTest {

    @Test
    void topKAndTopPKeepWhatDjlsOpsKeep() {
        SplittableRandom r = new SplittableRandom(4);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            for (int trial = 0; trial < 20; trial++) {
                int n = 50 + trial * 37;
                float[] logits = new float[n];
                for (int i = 0; i < n; i++) {
                    logits[i] = (float) (3 * r.nextGaussian());
                }
                NDArray probs = m.create(logits).softmax(0);
                double[] p = new double[n];
                float[] pf = probs.toFloatArray();
                for (int i = 0; i < n; i++) {
                    p[i] = pf[i];
                }
                int k = 1 + trial * 7;
                boolean[] keptK = TokenFilter.keep(p, k, 0);
                NDList top = probs.topK(k, 0, true, true);
                long[] topIndices = top.get(1).toLongArray();
                boolean[] djlK = new boolean[n];
                for (long i : topIndices) {
                    djlK[(int) i] = true;
                }
                double topP = 0.05 + 0.045 * trial;
                boolean[] keptP = TokenFilter.keep(p, 0, topP);
                NDArray order = probs.argSort(0, false);
                NDArray cumulative = probs.get(order).cumSum(0);
                float[] before = cumulative.sub(probs.get(order)).toFloatArray(); // mass before each entry
                long[] orderIdx = order.toLongArray();
                boolean[] djlP = new boolean[n];
                for (int i = 0; i < n; i++) {
                    djlP[(int) orderIdx[i]] = before[i] <= topP;
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(djlK[i], keptK[i], "top-" + k + " of " + n + ", code " + i);
                    assertEquals(djlP[i], keptP[i], "top-p " + topP + " of " + n + ", code " + i);
                }
            }
        }
    }
}
