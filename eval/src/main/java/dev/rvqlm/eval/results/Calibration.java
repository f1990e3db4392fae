package dev.rvqlm.eval.results;

import dev.rvqlm.tokens.synth.SourceEntropy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the models of an eval can reach on a {@code rvq tokens synth} corpus, whose source is known.
 *
 * @param source    the source's exact entropy and parallel bound per codebook
 * @param reachable per model (its text), [K] the bits per code its layout can reach; absent for a layout whose figure is
 *                  not derived
 */
public record Calibration(SourceEntropy source, Map<String, List<Double>> reachable) {

    public Calibration {
        reachable = Collections.unmodifiableMap(new LinkedHashMap<>(reachable));
    }

    /** The mean over codebooks of what {@code model} can reach, or NaN when not derived. */
    public double reachableBitsPerCode(String model) {
        List<Double> bits = reachable.get(model);
        return bits == null
                ? Double.NaN
                : bits.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
