package dev.rvqlm.eval.metrics;

import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.patterns.Coord;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.synth.MarkovSource;
import dev.rvqlm.tokens.synth.SourceEntropy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The best a pattern can reach on a synthetic source ({@link MarkovSource}), per codebook, derived from what its
 * layout lets each code see. On such a source stream k at frame t depends on stream k−1 of frame t and (unless the
 * source has no own past) its own code at t−1. A pattern whose code (t, k) comes after both reaches the exact
 * entropy there; one that sees the whole previous frame but, of frame t, only streams up to j reaches H(ck_t |
 * frame_t−1, cj_t) ({@link SourceEntropy#givenAbove}): parallel sees none of frame t (its bound), MusicGen's partial
 * flattening sees stream 0 (stream 0 first, the others together on the next step). Any other layout has no figure
 * here. A depth model predicts a step's codes one after another, so it reaches the exact entropy.
 */
public final class PatternBound {

    /** Frames of the layout inspected; the code looked at is in the middle, away from both ends. */
    private static final int FRAMES = 9;

    private PatternBound() {}

    /** [K] bits per code {@code model} can reach on {@code source}, if this class can derive it. */
    public static Optional<List<Double>> of(ModelEntry model, MarkovSource source) {
        int kk = source.config().codebooks();
        if (model instanceof ModelEntry.Depth) {
            return Optional.of(SourceEntropy.givenAbove(source, exact(kk)));
        }
        return of(model.layout(kk), source);
    }

    /** [K] bits per code a model over the layout of {@code spec} can reach on {@code source}, if derived here. */
    public static Optional<List<Double>> of(PatternSpec spec, MarkovSource source) {
        int kk = source.config().codebooks();
        Map<Coord, Integer> stepOf = new HashMap<>();
        List<List<Coord>> layout = spec.pattern(kk, FRAMES).layout();
        for (int s = 0; s < layout.size(); s++) {
            for (Coord c : layout.get(s)) {
                stepOf.put(c, s);
            }
        }
        int t = FRAMES / 2;
        int[] nearestAbove = new int[kk];
        for (int k = 0; k < kk; k++) {
            int step = stepOf.get(new Coord(t, k));
            boolean ownPast = stepOf.get(new Coord(t - 1, k)) < step;
            boolean above = k == 0 || stepOf.get(new Coord(t, k - 1)) < step;
            boolean needsOwnPast = k == 0 || source.config().ownPast();
            if (above && (ownPast || !needsOwnPast)) {
                nearestAbove[k] = k - 1;
                continue;
            }
            for (int j = 0; j < kk; j++) {
                if (stepOf.get(new Coord(t - 1, j)) >= step) {
                    return Optional.empty(); // part of the previous frame unseen: no figure derived here
                }
            }
            nearestAbove[k] = -1;
            for (int j = 0; j < k; j++) {
                if (stepOf.get(new Coord(t, j)) < step) {
                    nearestAbove[k] = j;
                }
            }
        }
        return Optional.of(SourceEntropy.givenAbove(source, nearestAbove));
    }

    private static int[] exact(int codebooks) {
        int[] above = new int[codebooks];
        for (int k = 0; k < codebooks; k++) {
            above[k] = k - 1;
        }
        return above;
    }
}
