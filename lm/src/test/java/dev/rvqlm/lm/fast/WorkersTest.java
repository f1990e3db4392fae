package dev.rvqlm.lm.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void everyPartOfEveryJobRunsOnceAndTheJobIsDoneWhenRunReturns() {
        for (int threads = 1; threads <= 3; threads++) {
            try (Workers workers = new Workers(threads)) {
                int jobs = 5_000; // many short jobs: the hand-over between them is what could lose a wake-up
                AtomicIntegerArray counts = new AtomicIntegerArray(threads);
                for (int j = 0; j < jobs; j++) {
                    int expected = j;
                    workers.run((part, parts) -> {
                        assertEquals(workers.parts(), parts);
                        if (counts.get(part) != expected) {
                            throw new IllegalStateException("part " + part + " ran " + counts.get(part) + " times");
                        }
                        counts.incrementAndGet(part);
                    });
                }
                for (int p = 0; p < threads; p++) {
                    assertEquals(jobs, counts.get(p), threads + " threads, part " + p);
                }
            }
        }
    }

    @Test
    void aFailingPartFailsTheRunAndTheWorkersGoOn() {
        try (Workers workers = new Workers(2)) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> workers.run((part, parts) -> {
                        if (part == 1) {
                            throw new IllegalStateException("part 1 failed");
                        }
                    }));
            assertEquals("part 1 failed", e.getMessage());
            int[] sum = new int[2];
            workers.run((part, parts) -> sum[part] = part + 1);
            assertEquals(3, sum[0] + sum[1]);
        }
    }

    @Test
    void partsCoverTheRangeWithoutGaps() {
        assertEquals(0, Workers.from(10, 0, 3));
        assertEquals(3, Workers.from(10, 1, 3));
        assertEquals(6, Workers.from(10, 2, 3));
        assertEquals(10, Workers.from(10, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> new Workers(0));
    }
}
