package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ModelSelection;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.ValidationPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runs that score some codebook worse on test than their split's unigram baseline, told apart by why. A run
 * whose training loss lies clearly below its validation has learnt its training files rather than the source
 * (memorised); one whose training loss is as high as its validation has not yet learnt even the codes' marginal
 * (underfit, as early in training on near-uniform codes). Calling both "memorised" had misread every short run.
 */
final class BelowUnigram {

    /** Training loss this far below validation (relative) counts as a generalisation gap. */
    static final double GAP = 0.02;

    /** Training losses averaged at the best step: one step's batch alone is noisy. */
    private static final int TRAIN_POINTS = 3;

    private BelowUnigram() {}

    /** One warning per kind (underfit, memorised), each naming its runs; empty when no run is below the baseline. */
    static List<String> warnings(EvalResults results) {
        List<String> underfit = new ArrayList<>();
        List<String> memorised = new ArrayList<>();
        for (RunResult r : results.runs()) {
            List<Integer> worse = FrontierTables.worseCodebooks(results, r);
            if (worse.isEmpty()) {
                continue;
            }
            String codebooks =
                    "k=" + String.join(", ", worse.stream().map(String::valueOf).toList());
            double[] trainAndValidation = trainAndValidation(r.training().selection());
            if (trainAndValidation[0] < trainAndValidation[1] * (1 - GAP)) {
                memorised.add(String.format(
                        Locale.ROOT,
                        "%s (%s; training %.3f against validation %.3f bits/code)",
                        r.run().name(),
                        codebooks,
                        trainAndValidation[0],
                        trainAndValidation[1]));
            } else {
                underfit.add(r.run().name() + " (" + codebooks + ")");
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!underfit.isEmpty()) {
            warnings.add(count(underfit) + " worse than the unigram baseline on some codebook with training loss "
                    + "as high as validation: underfit, not memorised (they have not yet learnt the codes' "
                    + "marginal): " + String.join(", ", underfit));
        }
        if (!memorised.isEmpty()) {
            warnings.add(count(memorised) + " worse than the unigram baseline on some codebook with training loss "
                    + String.format(Locale.ROOT, "more than %.0f%%", 100 * GAP)
                    + " below validation: memorised their training files there: " + String.join(", ", memorised));
        }
        return warnings;
    }

    /**
     * {training, validation} bits per code at the best step: training is the mean of the last few validation
     * points' training losses up to it; NaN training (no curve) reads as no gap.
     */
    static double[] trainAndValidation(ModelSelection selection) {
        List<ValidationPoint> upToBest = selection.curve().stream()
                .filter(p -> p.step() <= selection.bestStep())
                .toList();
        if (upToBest.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        List<ValidationPoint> last = upToBest.subList(Math.max(0, upToBest.size() - TRAIN_POINTS), upToBest.size());
        double nats =
                last.stream().mapToDouble(ValidationPoint::trainLoss).average().orElse(Double.NaN);
        return new double[] {
            nats / Math.log(2), upToBest.get(upToBest.size() - 1).bitsPerCode()
        };
    }

    private static String count(List<String> runs) {
        return runs.size() == 1 ? "1 run scores" : runs.size() + " runs score";
    }
}
