package dev.rvqlm.lm.export;

import java.util.Set;

/**
 * Parameter names between rvqlm and the PyTorch twin ({@code python/rvqlm_torch.py}): a linear or embedding matrix
 * stored as {@code layers.0.attn.qkv} here is the {@code weight} of an {@code nn.Linear} there
 * ({@code layers.0.attn.qkv.weight}); LayerNorm weights and biases, and the depth model's plain parameters
 * ({@code depth.pos}, {@code depth.heads}), keep their names. Shapes are the same on both sides (a linear's weight
 * is [out, in] in both).
 */
public final class TorchNames {

    /** Parameters that are plain {@code nn.Parameter}s in PyTorch, not a module's weight. */
    private static final Set<String> PLAIN = Set.of("depth.pos", "depth.heads");

    private static final String WEIGHT = ".weight";

    private TorchNames() {}

    /** The PyTorch state-dict key of an rvqlm parameter. */
    public static String torch(String rvqlm) {
        if (rvqlm.endsWith(WEIGHT) || rvqlm.endsWith(".bias") || PLAIN.contains(rvqlm)) {
            return rvqlm;
        }
        return rvqlm + WEIGHT;
    }
}
