package dev.rvqlm.spark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many attempts a run gets before its failure is handed back to the driver instead of retried. */
class RunTaskTest {

    @Test
    void aClusterGivesMaxFailuresAttemptsAndLocalModeItsSecondNumber() {
        assertEquals(4, RunTask.attempts("spark://master:7077", 4));
        assertEquals(8, RunTask.attempts("yarn", 8));
        assertEquals(1, RunTask.attempts("local[*]", 4));
        assertEquals(1, RunTask.attempts("local", 4));
        assertEquals(3, RunTask.attempts("local[2,3]", 4));
        assertEquals(3, RunTask.attempts("local[*, 3]", 4));
    }
}
