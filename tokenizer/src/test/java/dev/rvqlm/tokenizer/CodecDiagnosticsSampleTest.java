package dev.rvqlm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diagnostics' audio sample: equal middle slices of every clip, within the budget. */
class CodecDiagnosticsSampleTest {

    private static float[] ramp(int n, float offset) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = offset + i;
        }
        return x;
    }

    @Test
    void shortSetsAreTakenWhole() {
        List<float[]> clips = List.of(ramp(30, 0), ramp(20, 100));
        assertSame(clips, CodecDiagnostics.sample(clips, 10, 5));
    }

    @Test
    void everyClipGivesItsMiddleSlice() {
        // rate 10, budget 6 s = 60 samples over 3 clips of 100: 20 samples from the middle of each
        List<float[]> clips = List.of(ramp(100, 0), ramp(100, 1000), ramp(100, 2000));
        List<float[]> sample = CodecDiagnostics.sample(clips, 10, 6);
        assertEquals(3, sample.size());
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(Arrays.copyOfRange(clips.get(c), 40, 60), sample.get(c));
        }
    }

    @Test
    void moreClipsThanSecondsTakesEveryStrideThClipAtOneSecondEach() {
        // 10 clips of 5 s at rate 4, budget 4 s: stride 3 → clips 0, 3, 6, 9, one second (4 samples) each
        List<float[]> clips = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            clips.add(ramp(20, 100 * c));
        }
        List<float[]> sample = CodecDiagnostics.sample(clips, 4, 4);
        assertEquals(4, sample.size());
        assertArrayEquals(new float[] {308, 309, 310, 311}, sample.get(1));
        assertEquals(16, sample.stream().mapToInt(s -> s.length).sum());
    }
}
