package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.lm.LmTraining;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.tokens.TokenDirectory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eval measures what the patterns can model: on codes where codebook 1 repeats codebook 0 of the same frame and
 * codebook 0 is uniform noise, a pattern that sees codebook 0 before predicting codebook 1 (delay, flatten) can reach
 * log2 N / 2 bits per code, while parallel, which predicts both at once, cannot beat log2 N.
 */
class PatternOrderingTest {

    static final int N = 8;

    @TempDir
    Path dir;

    @Test
    void patternsThatSeeTheCoarseCodeFirstWinWhenTheFineCodeCopiesIt() throws Exception {
        Path tokens = CopyTokens.write(dir.resolve("tokens"), N);

        LmTraining train = LmTraining.defaults().toBuilder()
                .timesteps(24)
                .batch(8)
                .steps(150)
                .warmupSteps(10)
                .learningRate(1e-2)
                .minLearningRate(1e-3)
                .seed(3)
                .build();
        EvalConfig config = EvalConfig.builder()
                .models(Stream.of("parallel", "delay", "flatten")
                        .map(ModelEntry::parse)
                        .toList())
                .size(new ModelShape(32, 1, 2, 2, 0.0))
                .train(train)
                .split(new dev.rvqlm.eval.data.SplitPlan(0.34, 0, 1))
                .stopping(new EarlyStopping(50, 0))
                .sampling(new SamplingPlan(1, 0.1, 0.1, SampleConfig.topK(N), 1))
                .build();
        EvalResults results = new EvalRunner(config, s -> {})
                .run(TokenDirectory.read(tokens), Optional.empty(), dir.resolve("report"));

        double uniform = Math.log(N) / Math.log(2);
        double parallel = results.runs().get(0).test().bitsPerCode();
        double delay = results.runs().get(1).test().bitsPerCode();
        double flatten = results.runs().get(2).test().bitsPerCode();
        assertTrue(parallel > 0.95 * uniform, "parallel cannot see codebook 0 of the frame it predicts: " + parallel);
        assertTrue(delay < 0.75 * uniform, "delay sees codebook 0 first and can copy it: " + delay);
        assertTrue(flatten < 0.75 * uniform, "flatten sees codebook 0 first and can copy it: " + flatten);
        assertEquals(
                uniform,
                results.runs().get(2).test().bitsPerCodeByCodebook().get(0),
                0.1 * uniform,
                "codebook 0 is noise for every pattern");
    }
}
