package dev.rvqlm.tokenizer.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (β1 0.9, β2 0.999, ε 1e-8, no weight decay) over a network's parameters, with global-norm gradient clipping.
 * Runs outside autograd; temporaries go to the step's manager. (lm has its own AdamW: lm and tokenizer do not
 * depend on each other.)
 */
final class Adam implements AutoCloseable {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final List<NDArray> params;
    private final NDManager manager;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private int step;

    Adam(List<NDArray> params, NDManager parent) {
        this.params = params;
        this.manager = parent.newSubManager();
        for (NDArray p : params) {
            first.add(manager.zeros(p.getShape()));
            second.add(manager.zeros(p.getShape()));
        }
    }

    /** Applies one step from the parameters' accumulated gradients and zeroes them; returns the gradient norm. */
    double step(NDManager stepManager, double lr, double clipNorm) {
        step++;
        List<NDArray> grads = new ArrayList<>();
        double squares = 0;
        for (NDArray p : params) {
            NDArray g = p.getGradient();
            g.attach(stepManager);
            grads.add(g);
            squares += g.square().sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        double scale = clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1.0;
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, step));
        for (int i = 0; i < params.size(); i++) {
            NDArray g = scale == 1.0 ? grads.get(i) : grads.get(i).mul(scale);
            first.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
            second.get(i).muli(BETA2).addi(g.square().muli(1 - BETA2));
            NDArray denom =
                    owned(stepManager, second.get(i).sqrt()).divi(bc2Sqrt).addi(EPS);
            params.get(i).subi(owned(stepManager, first.get(i).div(denom)).muli(lr / bc1));
        }
        for (NDArray g : grads) {
            g.subi(g); // the collector accumulates: zero for the next step
        }
        return norm;
    }

    int steps() {
        return step;
    }

    /** Moments for checkpoints: first then second, in parameter order. */
    List<float[]> state() {
        List<float[]> out = new ArrayList<>();
        first.forEach(a -> out.add(a.toFloatArray()));
        second.forEach(a -> out.add(a.toFloatArray()));
        return out;
    }

    void restore(int steps, List<float[]> moments) {
        this.step = steps;
        for (int i = 0; i < params.size(); i++) {
            first.get(i).set(moments.get(i));
            second.get(i).set(moments.get(params.size() + i));
        }
    }

    private static NDArray owned(NDManager owner, NDArray array) {
        array.attach(owner);
        return array;
    }

    @Override
    public void close() {
        manager.close();
    }
}
