package dev.rvqlm.lm;

import dev.rvqlm.lm.fast.FastDecoder;
import dev.rvqlm.lm.fast.FastDepthSteps;
import dev.rvqlm.lm.fast.FastLm;
import dev.rvqlm.lm.fast.Workers;

/** A depth model's decoding on the Java engine: a cached temporal decoder and the depth transformer's K steps. */
final class FastDepthDecoder implements DepthDecoder {

    private final FastDecoder temporal;
    private final FastDepthSteps depth;
    private int fed;

    FastDepthDecoder(FastLm model, int batch, int capacity, Workers workers) {
        temporal = model.decoder(batch, capacity, workers);
        depth = model.depthSteps(batch, workers);
    }

    @Override
    public void advance(int[][][] seq, int offset) {
        depth.start(temporal.hidden(Sampler.slice(seq, fed, offset)));
        fed = offset;
    }

    @Override
    public float[] codeLogits(int q, int[] previous) {
        return depth.logits(q, previous);
    }

    @Override
    public void close() {
        temporal.close();
    }
}
