package dev.rvqlm.tokens.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceEntropyTest {

    @TempDir
    Path dir;

    /** Monte Carlo over a long sample: mean −log2 p under the true tables, and under the true per-code marginals. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void exactAndParallelFiguresMatchMonteCarloEstimates(boolean ownPast) {
        MarkovSource source = MarkovSource.random(new SynthSourceConfig(3, 5, 2, 0.05, ownPast, 11));
        SourceEntropy entropy = SourceEntropy.of(source);
        int frames = 250_000;
        int[][] codes = source.sample(frames, 500, new SplittableRandom(3));
        for (int k = 0; k < 3; k++) {
            double exact = 0;
            double exactSquares = 0;
            double parallel = 0;
            for (int t = 1; t < frames; t++) {
                double bits = source.bits(codes, k, t);
                exact += bits;
                exactSquares += bits * bits;
                parallel -= Math.log(bruteForceMarginal(source, codes, k, t)) / Math.log(2);
            }
            double n = frames - 1;
            double mean = exact / n;
            double standardError = Math.sqrt((exactSquares / n - mean * mean) / n);
            // Consecutive frames are correlated: allow several (i.i.d.) standard errors.
            assertEquals(entropy.exactBitsByCodebook().get(k), mean, 8 * standardError + 1e-3, "exact, k=" + k);
            assertEquals(
                    entropy.parallelBitsByCodebook().get(k),
                    parallel / n,
                    8 * standardError + 1e-3,
                    "parallel, k=" + k);
        }
    }

    @Test
    void theFigureGivenTheNearestStreamAboveSpansParallelToExactAndMatchesMonteCarlo() {
        MarkovSource source = MarkovSource.random(new SynthSourceConfig(3, 5, 2, 0.05, true, 11));
        SourceEntropy entropy = SourceEntropy.of(source);
        List<Double> parallel = SourceEntropy.givenAbove(source, new int[] {-1, -1, -1});
        List<Double> exact = SourceEntropy.givenAbove(source, new int[] {-1, 0, 1});
        List<Double> partial = SourceEntropy.givenAbove(source, new int[] {-1, 0, 0});
        for (int k = 0; k < 3; k++) {
            assertEquals(entropy.parallelBitsByCodebook().get(k), parallel.get(k), 1e-9);
            assertEquals(entropy.exactBitsByCodebook().get(k), exact.get(k), 1e-9);
        }
        assertEquals(exact.get(1), partial.get(1), 1e-9, "stream 1 sees stream 0: exact");
        assertTrue(partial.get(2) > exact.get(2) + 0.01 && partial.get(2) < parallel.get(2) - 0.01, partial.toString());
        // Monte Carlo of stream 2 given stream 0 of its frame and the previous frame
        int frames = 200_000;
        int[][] codes = source.sample(frames, 500, new SplittableRandom(5));
        double bits = 0;
        for (int t = 1; t < frames; t++) {
            double joint = 0;
            double norm = 0;
            for (int c1 = 0; c1 < 5; c1++) {
                double p1 = source.conditional(1, codes[0][t], codes[1][t - 1])[c1];
                joint += p1 * source.conditional(2, c1, codes[2][t - 1])[codes[2][t]];
                norm += p1;
            }
            bits -= Math.log(joint / norm) / Math.log(2);
        }
        assertEquals(partial.get(2), bits / (frames - 1), 0.01);
    }

    /** p(ck_t | frame t−1) by summing over every code of streams 0..k−1 at frame t. */
    private static double bruteForceMarginal(MarkovSource source, int[][] codes, int k, int t) {
        int n = source.config().codebookSize();
        double total = 0;
        int combinations = (int) Math.pow(n, k);
        for (int combo = 0; combo < combinations; combo++) {
            double p = 1;
            int rest = combo;
            int above = 0;
            for (int j = 0; j < k; j++) {
                int c = rest % n;
                rest /= n;
                p *= source.conditional(j, above, codes[j][t - 1])[c];
                above = c;
            }
            total += p * source.conditional(k, above, codes[k][t - 1])[codes[k][t]];
        }
        return total;
    }

    @Test
    void parallelIsNeverBelowExactAndStreamZeroHasNoGap() {
        SourceEntropy entropy = SourceEntropy.of(MarkovSource.random(SynthSourceConfig.defaults(0)));
        assertEquals(
                entropy.exactBitsByCodebook().get(0),
                entropy.parallelBitsByCodebook().get(0),
                1e-12);
        for (int k = 1; k < 4; k++) {
            assertTrue(
                    entropy.parallelBitsByCodebook().get(k)
                            > entropy.exactBitsByCodebook().get(k) + 0.1,
                    "stream " + k + " depends on stream " + (k - 1) + " of its frame: parallel must lose");
        }
        assertTrue(entropy.exactBitsPerCode() < Math.log(16) / Math.log(2));
    }

    @Test
    void uniformFloorOnlyGivesLog2N() {
        // support 1 with weight 1 then floor 0.999...: nearly uniform tables, so both figures approach log2 N.
        SourceEntropy entropy =
                SourceEntropy.of(MarkovSource.random(new SynthSourceConfig(2, 8, 1, 0.999999, true, 1)));
        assertEquals(3.0, entropy.exactBitsPerCode(), 1e-4);
        assertEquals(3.0, entropy.parallelBitsPerCode(), 1e-4);
    }

    @Test
    void writtenDirectoryDescribesItsSource() throws Exception {
        SynthConfig config = new SynthConfig(new SynthSourceConfig(2, 4, 2, 0.05, true, 5), 3, 20, 25.0);
        SynthCorpus.Description written = SynthCorpus.write(config, dir, line -> {});
        var tokens = dev.rvqlm.tokens.TokenDirectory.read(dir);
        assertEquals(3, tokens.corpus().items().size());
        assertEquals(2, tokens.codebooks());
        assertEquals(4, tokens.codebookSize());
        assertEquals(25.0, tokens.frameRate());
        assertEquals(written, SynthCorpus.read(dir).orElseThrow());
        SynthCorpus.Description again = SynthCorpus.write(config, dir.resolve("again"), line -> {});
        assertEquals(
                Arrays.deepToString(tokens.corpus().items().get(1).codes()),
                Arrays.deepToString(dev.rvqlm.tokens.TokenDirectory.read(dir.resolve("again"))
                        .corpus()
                        .items()
                        .get(1)
                        .codes()),
                "the same seed draws the same files");
        assertEquals(written.entropy(), again.entropy());
    }

    @Test
    void theCoupledSourceLeavesParallelFarAboveTheExactEntropyAndTheDefaultIsUnchanged() {
        SourceEntropy coupled = SourceEntropy.of(MarkovSource.random(SynthSourceConfig.coupled(0)));
        assertTrue(
                coupled.parallelBitsPerCode() > 2 * coupled.exactBitsPerCode(),
                coupled.parallelBitsPerCode() + " against " + coupled.exactBitsPerCode());
        // the default source's tables are drawn as before stream 0 got its own support (README: 1.360 and 2.499)
        SourceEntropy standard = SourceEntropy.of(MarkovSource.random(SynthSourceConfig.defaults(0)));
        assertEquals(1.3598, standard.exactBitsPerCode(), 1e-4);
        assertEquals(2.4993, standard.parallelBitsPerCode(), 1e-4);
        assertEquals(SynthSourceConfig.coupled(4), SynthSourceConfig.preset("coupled", 4));
        assertThrows(IllegalArgumentException.class, () -> SynthSourceConfig.preset("other", 0));
    }

    @Test
    void aDescriptionWrittenBeforeStreamZerosSupportExistedReadsWithTheCommonSupport() throws Exception {
        SynthConfig config = new SynthConfig(new SynthSourceConfig(2, 4, 2, 0.05, true, 5), 3, 20, 25.0);
        SynthCorpus.write(config, dir, line -> {});
        Path file = dir.resolve(SynthCorpus.FILE_NAME);
        String json = java.nio.file.Files.readString(file);
        assertTrue(json.contains("\"firstSupport\" : 2"), json);
        String old = json.replace(",\n      \"firstSupport\" : 2", "");
        assertTrue(!old.contains("firstSupport"), old);
        java.nio.file.Files.writeString(file, old);
        assertEquals(config, SynthCorpus.read(dir).orElseThrow().config());
    }
}
