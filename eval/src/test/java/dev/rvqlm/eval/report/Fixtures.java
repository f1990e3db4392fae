package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.eval.results.SampleMetrics;
import dev.rvqlm.eval.results.TrainingPoint;
import java.util.List;

/** Hand-made results for the report tests (not measurements: the tests check formatting and logic only). */
final class Fixtures {

    private Fixtures() {}

    static PatternResult result(String pattern, double stepsPerSecond, double bitsPerCode) {
        double bitsPerSecond = bitsPerCode * 4 * 75;
        SampleMetrics samples = new SampleMetrics(3, 2.0, 4.0, List.of(5.0, 6.0, 6.5, 7.0),
                List.of(6.0, 6.5, 7.0, 7.5), 0.1, 0.05, 12.5, 0.8);
        return new PatternResult(pattern, stepsPerSecond, 100, 1.5e12, 30.0, 5000.0, bitsPerCode,
                List.of(bitsPerCode - 1, bitsPerCode, bitsPerCode + 0.5, bitsPerCode + 0.5), bitsPerSecond, 9600,
                0.25, 0.06, 900.0, 1_234_567,
                List.of(new TrainingPoint(1, 6.9, 0.3), new TrainingPoint(50, 5.0, 15.0),
                        new TrainingPoint(100, 4.2 + bitsPerCode / 10, 30.0)),
                samples);
    }

    /** The MusicGen ordering: flatten best, parallel worst, delay and partial close to flatten. */
    static List<PatternResult> musicGenLike() {
        return List.of(result("parallel", 75, 6.0), result("delay", 75, 5.1),
                result("partial-flatten", 150, 5.05), result("flatten", 300, 5.0));
    }
}
