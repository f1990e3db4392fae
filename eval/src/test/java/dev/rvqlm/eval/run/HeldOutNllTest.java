package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rvqlm.eval.results.FileScores;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldOutNllTest {

    @Test
    void convertsNatSumsToBitsPerCodebookAndOverAllCodes() {
        double ln2 = Math.log(2);
        // two files: codebook 0 scores 1 bit/code in both, codebook 1 scores 2 then 4 bits/code
        var nll = PatternRunner.HeldOutNll.of(new FileScores(
                List.of("a", "b"),
                new double[][] {{5 * ln2, 10 * ln2}, {5 * ln2, 20 * ln2}},
                new long[][] {{5, 5}, {5, 5}}));
        assertEquals(
                List.of(1.0, 3.0),
                nll.byCodebook().stream().map(b -> Math.round(b * 1e9) / 1e9).toList());
        assertEquals(2.0, nll.bitsPerCode(), 1e-12);
        assertEquals(20, nll.count());
    }

    @Test
    void aUniformModelOverNCodesScoresLog2N() {
        int n = 256;
        long codes = 1000;
        var nll = PatternRunner.HeldOutNll.of(new FileScores(
                List.of("a"), new double[][] {{codes * Math.log(n)}}, new long[][] {{codes}}));
        assertEquals(8.0, nll.bitsPerCode(), 1e-12);
    }
}
