package dev.rvqlm.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PatternTest {

    private final Pattern delay = DelayPattern.standard(2).pattern(3);

    @Test
    void delayBuildsTheSequenceOfMusicGensFigure() {
        int[][] codes = {{1, 2, 3}, {4, 5, 6}};
        CodeGrid built = delay.build(codes, 9, StepSelection.ALL_STEPS);
        assertArrayEquals(new int[][] {{9, 1, 2, 3, 9}, {9, 9, 4, 5, 6}}, built.values());
        assertEquals(4, delay.numSequenceSteps());
        assertEquals(1, delay.maxDelay());
        assertEquals(4, delay.validLayout().size());
        assertArrayEquals(
                new int[][] {{9, 1, 2, 3}, {9, 9, 4, 5}},
                delay.build(codes, 9, StepSelection.VALID_STEPS).values());
    }

    @Test
    void revertingValidStepsLeavesTheCutCellsMasked() {
        int[][] sequence = {{9, 1, 2, 3}, {9, 9, 4, 5}};
        CodeGrid reverted = delay.revert(sequence, 9, StepSelection.VALID_STEPS);
        assertArrayEquals(new int[][] {{1, 2, 3}, {4, 5, 9}}, reverted.values());
        assertArrayEquals(new boolean[][] {{true, true, true}, {true, true, false}}, reverted.mask());
    }

    @Test
    void scoresAreShiftedByOneStep() {
        // The output at step s predicts step s + 1: (t=0, k=0) sits at step 1, so output 0 scores it.
        float[][][] scores = {{{0}, {1}, {2}, {3}, {4}}, {{10}, {11}, {12}, {13}, {14}}};
        ScoreGrid reverted = delay.revertScores(scores, -1f, StepSelection.ALL_STEPS);
        assertEquals(0f, reverted.scores()[0][0][0]);
        assertEquals(11f, reverted.scores()[1][0][0]);
        assertEquals(13f, reverted.scores()[1][2][0]);
    }

    @Test
    void firstStepWithTimestep() {
        assertEquals(OptionalInt.of(1), delay.firstStepWithTimestep(0));
        assertEquals(OptionalInt.of(3), delay.firstStepWithTimestep(2));
        // Step 4 holds the phantom cell (t=3, k=0) past the end, as in the reference.
        assertEquals(OptionalInt.of(4), delay.firstStepWithTimestep(3));
        assertEquals(
                OptionalInt.empty(), CoarseFirstPattern.undelayed(2).pattern(3).firstStepWithTimestep(3));
        assertThrows(IllegalArgumentException.class, () -> delay.firstStepWithTimestep(4));
    }

    @Test
    void wrongShapesAreRejected() {
        assertEquals(
                "codes have K=3 codebooks but the pattern was built for K=2",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> delay.build(new int[3][3], 9, StepSelection.ALL_STEPS))
                        .getMessage());
        assertEquals(
                "codes have T=4 timesteps but the pattern was built for at most T=3",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> delay.build(new int[2][4], 9, StepSelection.ALL_STEPS))
                        .getMessage());
        assertEquals(
                "sequence has S=6 steps but the pattern defines only 5",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> delay.revert(new int[2][6], 9, StepSelection.ALL_STEPS))
                        .getMessage());
    }

    @Test
    void invalidLayoutsAreRejected() {
        Coord t1 = new Coord(1, 0);
        Coord t0 = new Coord(0, 0);
        assertEquals(
                "step 2 goes back in time for codebook 0: timestep 0 after 1",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new Pattern(List.of(List.of(), List.of(t1), List.of(t0)), 2, 1))
                        .getMessage());
        assertEquals(
                "step 1 holds codebook 0 twice",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new Pattern(List.of(List.of(), List.of(t0, t1)), 2, 1))
                        .getMessage());
        assertEquals(
                "step 1 refers to codebook 1 but the pattern has K=1 codebooks",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new Pattern(List.of(List.of(), List.of(new Coord(0, 1))), 1, 1))
                        .getMessage());
    }

    @Test
    void gridShowsStepsAndTimesteps() {
        String grid = LayoutGrid.render(delay, " ", true);
        assertEquals("""
                step  0 1 2 3 4
                k=0     0 1 2
                k=1       0 1 2
                """, grid);
    }
}
