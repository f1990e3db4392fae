package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rvqlm.lm.NllResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldOutNllTest {

    @Test
    void convertsNatSumsToBitsPerCodebookAndOverAllCodes() {
        double ln2 = Math.log(2);
        var nll = PatternRunner.HeldOutNll.of(new NllResult(new double[] {10 * ln2, 30 * ln2}, new long[] {10, 10}));
        assertEquals(List.of(1.0, 3.0), nll.byCodebook().stream().map(b -> Math.round(b * 1e9) / 1e9).toList());
        assertEquals(2.0, nll.bitsPerCode(), 1e-12);
        assertEquals(20, nll.count());
    }

    @Test
    void aUniformModelOverNCodesScoresLog2N() {
        int n = 256;
        long codes = 1000;
        var nll = PatternRunner.HeldOutNll.of(new NllResult(new double[] {codes * Math.log(n)}, new long[] {codes}));
        assertEquals(8.0, nll.bitsPerCode(), 1e-12);
    }
}
