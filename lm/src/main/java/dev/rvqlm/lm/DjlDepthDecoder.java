package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * A depth model's decoding on the DJL model, the reference: the temporal transformer with a key/value cache over
 * the steps fed so far (or recomputed over the whole prefix), then the {@link DepthTransformer}'s K positions with a
 * cache of K positions (or each rerunning the depth prefix). Every array of a sequence step lives in that step's
 * manager, closed at the next step.
 */
final class DjlDepthDecoder implements DepthDecoder {

    private final LmModel model;
    private final DepthTransformer depth;
    private final boolean cached;
    private final NDManager caches;
    private final KvCache temporal; // null when recomputing
    private final KvCache inner; // K positions, null when recomputing
    private final NDList inputs = new NDList(); // the depth inputs so far, when recomputing
    private NDManager step;
    private NDArray context;
    private int fed;

    DjlDepthDecoder(LmModel model, int batch, int capacity, boolean cached) {
        this.model = model;
        this.depth = model.depth();
        this.cached = cached;
        caches = model.manager().newSubManager();
        temporal = cached ? model.cache(caches, batch, capacity) : null;
        inner = cached
                ? new KvCache(caches, depth.stack(), batch, model.config().codebooks())
                : null;
    }

    @Override
    public void advance(int[][][] seq, int offset) {
        closeStep();
        step = caches.newSubManager();
        int from = cached ? fed : 0;
        NDArray idx = model.indices(step, Sampler.slice(seq, from, offset));
        NDArray h = model.hidden(idx, from, temporal, false); // [B, offset-from, D]
        int n = offset - from;
        if (n > 1) {
            h = h.get(new NDIndex().addAllDim().addSliceDim(n - 1, n));
        }
        context = depth.context(h);
        inputs.clear();
        fed = offset;
    }

    @Override
    public float[] codeLogits(int q, int[] previous) {
        NDArray x = depth.input(context, q, previous); // [B,1,D']
        NDArray out;
        if (cached) {
            out = depth.stack().forward(x, q, inner, false);
        } else {
            inputs.add(x);
            NDArray all = depth.stack().forward(NDArrays.concat(inputs, 1), 0, null, false); // [B,q+1,D']
            out = all.get(new NDIndex().addAllDim().addSliceDim(q, q + 1));
        }
        return depth.headLogits(out, q);
    }

    private void closeStep() {
        if (step != null) {
            step.close();
            step = null;
        }
    }

    @Override
    public void close() {
        closeStep();
        caches.close();
    }
}
