package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Proves in CI that the bundled PyTorch natives load with no network and that autograd works. */
class EngineLoadsOfflineTest {

    @Test
    void pytorchEngineComputesAGradient() {
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("PyTorch", engine.getEngineName());
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.create(new float[] {1f, 2f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray y = x.mul(x).sum(); // d(sum x^2)/dx = 2x
                collector.backward(y);
            }
            assertArrayEquals(new float[] {2f, 4f, 6f}, x.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
