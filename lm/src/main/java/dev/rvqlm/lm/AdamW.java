package dev.rvqlm.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW as {@code torch.optim.AdamW} computes it (decoupled decay first, then the bias-corrected step with ε added
 * after the correction), written over the parameter arrays: DJL's own AdamW adds ε before the correction and decays
 * every parameter. Runs outside autograd; every temporary belongs to the step's manager.
 */
final class AdamW implements AutoCloseable {

    /** Step count and moments, in parameter order, as stored in checkpoints. */
    record State(int step, List<float[]> firstMoments, List<float[]> secondMoments) {}

    private final List<Parameters.Param> params;
    private final LmTraining.Optimizer config;
    private final NDManager manager;
    private final NDArray[] first;
    private final NDArray[] second;
    private final boolean[] decays;
    private int step;

    AdamW(LmModel model, LmTraining.Optimizer config, State initial) {
        this(model.params(), model.manager(), config, initial);
    }

    /** AdamW over {@code params}; its moments live in a child of {@code parent}. */
    AdamW(List<Parameters.Param> params, NDManager parent, LmTraining.Optimizer config, State initial) {
        this.params = params;
        this.config = config;
        this.manager = parent.newSubManager();
        first = new NDArray[params.size()];
        second = new NDArray[params.size()];
        decays = new boolean[params.size()];
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i).array();
            decays[i] = config.decay() == LmTraining.DecayPolicy.ALL
                    || params.get(i).matrix();
            if (initial == null) {
                first[i] = manager.zeros(p.getShape());
                second[i] = manager.zeros(p.getShape());
            } else {
                first[i] = manager.create(initial.firstMoments().get(i), p.getShape());
                second[i] = manager.create(initial.secondMoments().get(i), p.getShape());
            }
        }
        step = initial == null ? 0 : initial.step();
    }

    /**
     * One update with gradients {@code grads} (in parameter order, owned by {@code stepManager}) multiplied by
     * {@code gradScale} (accumulation average and clipping folded together).
     */
    void update(NDManager stepManager, List<NDArray> grads, double lr, double gradScale) {
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double bc1 = 1 - Math.pow(b1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, step));
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i).array();
            NDArray g = grads.get(i);
            if (gradScale != 1.0) {
                g = g.mul(gradScale);
            }
            first[i].muli(b1).addi(g.mul(1 - b1)); // m = β1·m + (1−β1)·g
            second[i].muli(b2).addi(g.square().muli(1 - b2)); // v = β2·v + (1−β2)·g²
            if (decays[i] && config.weightDecay() > 0) {
                p.muli(1 - lr * config.weightDecay()); // decoupled decay
            }
            NDArray denom = owned(stepManager, second[i].sqrt()).divi(bc2Sqrt).addi(config.eps());
            p.subi(owned(stepManager, first[i].div(denom)).muli(lr / bc1));
        }
    }

    private static NDArray owned(NDManager owner, NDArray array) {
        array.attach(owner);
        return array;
    }

    State state() {
        List<float[]> m = new ArrayList<>();
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            m.add(first[i].toFloatArray());
            v.add(second[i].toFloatArray());
        }
        return new State(step, m, v);
    }

    @Override
    public void close() {
        manager.close();
    }
}
