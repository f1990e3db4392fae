package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {

    /**
     * Reference values printed by {@code torch.optim.AdamW} (PyTorch 1.13, lr 0.01, betas (0.9, 0.95), eps 1e-8,
     * weight decay 0.1 on the matrix group and 0 on the bias group) after three steps with these gradients.
     */
    @Test
    void matchesTorchAdamWOverThreeSteps() {
        LmTraining.Optimizer config = LmTraining.defaults().toBuilder()
                .weightDecay(0.1)
                .decay(LmTraining.DecayPolicy.MATRICES)
                .build()
                .optimizer();
        float[][][] grads = {
            {{0.1f, -0.2f, 0.3f}, {0.5f, -0.5f}},
            {{-0.05f, 0.4f, 0.0f}, {0.01f, 0.2f}},
            {{0.3f, 0.3f, -0.1f}, {-0.2f, 0.0f}}
        };
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray weight = manager.create(new float[] {0.5f, -1.0f, 2.0f}).reshape(1, 3); // rank 2: decayed
            NDArray bias = manager.create(new float[] {0.25f, -0.75f}); // rank 1: not decayed
            List<Parameters.Param> params =
                    List.of(new Parameters.Param("w", weight, true), new Parameters.Param("b", bias, false));
            try (AdamW adam = new AdamW(params, manager, config, null)) {
                for (float[][] g : grads) {
                    try (NDManager step = manager.newSubManager()) {
                        adam.update(step, List.of(step.create(g[0]).reshape(1, 3), step.create(g[1])), 0.01, 1.0);
                    }
                }
                AdamW.State state = adam.state();
                try (AdamW restored = new AdamW(params, manager, config, state)) {
                    assertArrayEquals(
                            state.firstMoments().get(0),
                            restored.state().firstMoments().get(0));
                }
            }
            assertArrayEquals(
                    new float[] {0.4792644679546356f, -0.996538519859314f, 1.974295735359192f},
                    weight.toFloatArray(),
                    2e-6f);
            assertArrayEquals(new float[] {0.23047688603401184f, -0.7337809801101685f}, bias.toFloatArray(), 2e-6f);
        }
    }
}
