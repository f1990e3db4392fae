package dev.rvqlm.lm;

import dev.rvqlm.patterns.PatternSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A depth model ({@link LmFamily.Depth}) named on the command line, as {@code rvq train --model} and {@code rvq
 * eval --pattern} take it: {@code depth[:acoustic_delay=A][:dim=D'][:layers=L'][:heads=H']}.
 *
 * <ul>
 *   <li>{@code acoustic_delay} (default 0): Moshi's acoustic delay. 0 runs the temporal transformer over the
 *       parallel layout (step t+1 holds frame t); A ≥ 1 over {@code delay:delays=0,A,…,A}, so that a step holds the
 *       first (semantic) code of frame t and the acoustic codes of frame t−A, and the depth transformer predicts
 *       the semantic code before the acoustic ones of the frame A steps back.</li>
 *   <li>{@code dim}, {@code layers}, {@code heads}: the depth transformer's size; each defaults to
 *       {@link LmFamily.Depth#defaultFor} of the temporal shape (0 means that default).</li>
 * </ul>
 *
 * <pre>{@code
 * DepthSpec spec = DepthSpec.parse("depth:acoustic_delay=1");
 * PatternSpec temporal = spec.temporalPattern(4);                 // delay:delays=0,1,1,1
 * }</pre>
 *
 * @param acousticDelay A ≥ 0
 * @param dim           D' (0: default)
 * @param layers        L' (0: default)
 * @param heads         H' (0: default)
 */
public record DepthSpec(int acousticDelay, int dim, int layers, int heads) {

    /** The spec's name, {@code depth}. */
    public static final String NAME = "depth";

    public DepthSpec {
        if (acousticDelay < 0 || dim < 0 || layers < 0 || heads < 0) {
            throw new IllegalArgumentException("depth spec values must be at least 0, got acoustic_delay="
                    + acousticDelay + " dim=" + dim + " layers=" + layers + " heads=" + heads);
        }
    }

    /** True when {@code text} names a depth model ({@code depth} or {@code depth:…}). */
    public static boolean names(String text) {
        String t = text == null ? "" : text.trim();
        return t.equals(NAME) || t.startsWith(NAME + ":");
    }

    /**
     * Parses {@code depth[:key=value]...}.
     *
     * @throws IllegalArgumentException naming the spec and the bad part
     */
    public static DepthSpec parse(String text) {
        if (!names(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a depth spec (depth[:acoustic_delay=1])");
        }
        int[] values = new int[4]; // acoustic_delay, dim, layers, heads
        List<String> keys = List.of("acoustic_delay", "dim", "layers", "heads");
        String[] parts = text.trim().split(":");
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            int key = keys.indexOf(kv[0].trim());
            if (kv.length != 2 || key < 0) {
                throw new IllegalArgumentException(
                        "depth spec '" + text + "': expected one of " + keys + " as key=value, got '" + parts[i] + "'");
            }
            try {
                values[key] = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "depth spec '" + text + "': " + kv[0].trim() + " must be an integer, got '" + kv[1] + "'");
            }
        }
        return new DepthSpec(values[0], values[1], values[2], values[3]);
    }

    /** The layout the temporal transformer runs over, for K codebooks: parallel, or the acoustic delay. */
    public PatternSpec temporalPattern(int codebooks) {
        if (acousticDelay == 0) {
            return PatternSpec.parse("parallel");
        }
        List<String> delays = new ArrayList<>();
        for (int k = 0; k < codebooks; k++) {
            delays.add(k == 0 ? "0" : Integer.toString(acousticDelay));
        }
        return PatternSpec.parse("delay:delays=" + String.join(",", delays));
    }

    /** The depth transformer's shape next to a temporal one. */
    public LmFamily.Depth family(ModelShape temporal) {
        LmFamily.Depth d = LmFamily.Depth.defaultFor(temporal);
        return new LmFamily.Depth(
                dim > 0 ? dim : d.dim(),
                layers > 0 ? layers : d.layers(),
                heads > 0 ? heads : d.heads(),
                d.ffnMultiplier());
    }

    /** The canonical text: {@code depth} and the keys that differ from their default, in a fixed order. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(NAME);
        int[] values = {acousticDelay, dim, layers, heads};
        String[] keys = {"acoustic_delay", "dim", "layers", "heads"};
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != 0) {
                s.append(':').append(keys[i]).append('=').append(values[i]);
            }
        }
        return s.toString();
    }
}
