package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.FileScores;
import dev.rvqlm.eval.results.HeldOutScore;
import dev.rvqlm.eval.results.ModelSelection;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.RunSpec;
import dev.rvqlm.eval.results.SampleMetrics;
import dev.rvqlm.eval.results.SamplingOutcome;
import dev.rvqlm.eval.results.TrainingOutcome;
import dev.rvqlm.eval.results.TrainingPoint;
import dev.rvqlm.eval.results.ValidationPoint;
import dev.rvqlm.eval.stats.Summaries;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made results for the report tests (not measurements: the tests check formatting and logic only). */
final class Fixtures {

    static final int FILES = 8;

    private Fixtures() {}

    /**
     * A run of K=4, 75 frames/s whose test files score {@code bitsPerCode} ± a file-dependent offset (the same for
     * every pattern, so paired differences are exact), plus {@code jitter} × seed.
     */
    static RunResult result(String pattern, double stepsPerSecond, double bitsPerCode, long seed, double jitter) {
        double bits = bitsPerCode + jitter * seed;
        double bitsPerSecond = bits * 4 * 75;
        SampleMetrics samples = new SampleMetrics(
                3, 2.0, 4.0, List.of(5.0, 6.0, 6.5, 7.0), List.of(6.0, 6.5, 7.0, 7.5), 0.1, 0.05, 12.5, 0.8);
        List<String> names = new ArrayList<>();
        double[][] nats = new double[FILES][4];
        long[][] counts = new long[FILES][4];
        for (int f = 0; f < FILES; f++) {
            names.add("file" + f);
            double fileBits = bits + (f - (FILES - 1) / 2.0) * 0.1;
            double[] byCodebook = {fileBits - 1, fileBits, fileBits + 0.5, fileBits + 0.5};
            for (int k = 0; k < 4; k++) {
                nats[f][k] = byCodebook[k] * 300 * Math.log(2);
                counts[f][k] = 300;
            }
        }
        List<ValidationPoint> curve = List.of(
                new ValidationPoint(50, 0.5e12, 15, 5.0, bits + 1),
                new ValidationPoint(100, 1.5e12 * stepsPerSecond / 75, 30, 4.0, bits + 0.1));
        RunSpec run = new RunSpec(ModelEntry.parse(pattern), ModelShape.small(), seed);
        TrainingOutcome training = new TrainingOutcome(
                100,
                1.5e12,
                30.0,
                5000.0,
                List.of(
                        new TrainingPoint(1, 6.9, 0.3),
                        new TrainingPoint(50, 5.0, 15.0),
                        new TrainingPoint(100, 4.2 + bits / 10, 30.0)),
                new ModelSelection(curve, 100, false, true, 0));
        HeldOutScore test = new HeldOutScore(
                bits,
                List.of(bits - 1, bits, bits + 0.5, bits + 0.5),
                bitsPerSecond,
                9600,
                new FileScores(names, nats, counts));
        SamplingOutcome sampling = new SamplingOutcome(stepsPerSecond, 0.25, 8, 0.06, samples);
        return new RunResult(run, "runs/" + pattern + "-" + seed, 1_234_567, training, test, sampling, 900.0);
    }

    /** {@code r} with its model selection replaced (a different curve or stopping outcome). */
    static RunResult withSelection(RunResult r, ModelSelection selection) {
        TrainingOutcome t = r.training();
        TrainingOutcome training =
                new TrainingOutcome(t.steps(), t.flops(), t.seconds(), t.codesPerSecond(), t.curve(), selection);
        return new RunResult(r.run(), r.directory(), r.parameters(), training, r.test(), r.sampling(), r.peakRssMib());
    }

    static RunResult result(String pattern, double stepsPerSecond, double bitsPerCode) {
        return result(pattern, stepsPerSecond, bitsPerCode, 0, 0);
    }

    /** The MusicGen ordering: flatten best, parallel worst, delay and partial close to flatten; two seeds each. */
    static List<RunResult> musicGenLike() {
        List<RunResult> runs = new ArrayList<>();
        double[][] spec = {{75, 6.0}, {75, 5.1}, {150, 5.05}, {300, 5.0}};
        String[] names = {"parallel", "delay", "partial-flatten", "flatten"};
        for (int p = 0; p < 4; p++) {
            for (long seed = 0; seed < 2; seed++) {
                runs.add(result(names[p], spec[p][0], spec[p][1], seed, 0.01));
            }
        }
        return runs;
    }

    static EvalResults results(List<RunResult> runs) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("budget", "equal steps: cap 100 steps per pattern");
        settings.put("seeds", "0, 1");
        Summaries.Outcome outcome = Summaries.of(runs, 1024, 4 * 75);
        return new EvalResults(runs, outcome.summaries(), outcome.comparisons(), null, settings);
    }
}
