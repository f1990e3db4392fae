package dev.rvqlm.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NllUnitsTest {

    @Test
    void aUniformModelScoresLog2NBitsPerCode() {
        int n = 1024;
        long count = 12_345;
        double natsSum = count * Math.log(n);
        assertEquals(10.0, NllUnits.bitsPerCode(natsSum, count), 1e-12);
        assertEquals(10.0, NllUnits.uniformBitsPerCode(n), 1e-12);
    }

    @Test
    void bitsPerSecondIsBitsPerCodeTimesCodesPerSecond() {
        // 10 bits/code × 4 codebooks × 75 frames/s = 3000 bits/s: a uniform model at N=1024 is the raw bitrate.
        assertEquals(3000.0, NllUnits.bitsPerSecond(10.0, 4, 75.0), 1e-9);
        assertEquals(300.0, NllUnits.codesPerSecond(4, 75.0), 1e-12);
        assertEquals(1.0, NllUnits.natsToBits(Math.log(2)), 1e-15);
    }

    @Test
    void impossibleInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> NllUnits.bitsPerCode(1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> NllUnits.bitsPerCode(Double.NaN, 3));
        assertThrows(IllegalArgumentException.class, () -> NllUnits.bitsPerSecond(1.0, 0, 75));
        assertThrows(IllegalArgumentException.class, () -> NllUnits.bitsPerSecond(1.0, 4, 0));
    }
}
