package dev.rvqlm.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternSpecTest {

    private static String rejection(String spec, int codebooks) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> PatternSpec.parse(spec).pattern(codebooks, 4))
                .getMessage();
    }

    @Test
    void defaultsFollowTheReference() {
        assertEquals(DelayPattern.standard(4), PatternSpec.parse("delay").provider(4));
        assertEquals(UnrolledPattern.flatten(3), PatternSpec.parse("flatten").provider(3));
        assertEquals(new ParallelPattern(2, 0), PatternSpec.parse("parallel").provider(2));
        assertEquals(
                CoarseFirstPattern.undelayed(4),
                PatternSpec.parse("coarse-first").provider(4));
        assertEquals(CoarseFirstPattern.undelayed(4), PatternSpec.parse("valle").provider(4));
        assertEquals(new MusicLmPattern(4, 2), PatternSpec.parse("musiclm").provider(4));
    }

    @Test
    void partialFlattenDefaultsToCoarseAloneThenTheRestTogether() {
        assertEquals(
                new UnrolledPattern(4, List.of(0, 1, 1, 1), List.of(0, 0, 0, 0)),
                PatternSpec.parse("partial-flatten").provider(4));
        assertEquals(
                new UnrolledPattern(3, List.of(0, 1, 1), List.of(0, 0, 0)),
                PatternSpec.parse("partial-flatten").provider(3));
    }

    @Test
    void keysAndListsAreParsed() {
        PatternSpec spec = PatternSpec.parse("delay:delays=0,2,3,5:flatten_first=1:empty_initial=1");
        assertEquals(new DelayPattern(4, List.of(0, 2, 3, 5), 1, 1), spec.provider(4));
        assertEquals("delay:delays=0,2,3,5:flatten_first=1:empty_initial=1", spec.toString());
    }

    @Test
    void stepCountsMatchMusicGensTable() {
        // MusicGen, Table 3: parallel T steps, delay T + K - 1, flatten K*T.
        assertEquals(100, PatternSpec.parse("parallel").pattern(4, 100).numSequenceSteps());
        assertEquals(103, PatternSpec.parse("delay").pattern(4, 100).numSequenceSteps());
        assertEquals(400, PatternSpec.parse("flatten").pattern(4, 100).numSequenceSteps());
        assertEquals(200, PatternSpec.parse("partial-flatten").pattern(4, 100).numSequenceSteps());
    }

    @Test
    void badSpecsAreRejectedInTheUsersTerms() {
        assertEquals("delays must be sorted: 0,3,2", rejection("delay:delays=0,3,2", 3));
        assertEquals("delays must have one value per codebook K (4), got 3: 0,1,2", rejection("delay:delays=0,1,2", 4));
        assertEquals(
                "unknown pattern 'zigzag' (one of: parallel, delay, flatten, partial-flatten, coarse-first, "
                        + "valle, musiclm)",
                rejection("zigzag", 4));
        assertEquals(
                "unknown key 'delay' for pattern delay (keys: delays, flatten_first, empty_initial)",
                rejection("delay:delay=0,1", 2));
        assertEquals("delay: delays must be integers separated by commas, got '0,x'", rejection("delay:delays=0,x", 2));
        assertEquals("musiclm needs K to be a multiple of group_by: K=3, group_by=2", rejection("musiclm", 3));
        assertEquals(
                "coarse-first needs K >= 2 codebooks (one coarse, then the fine ones), got K=1",
                rejection("coarse-first", 1));
        assertEquals(
                "codebooks flattened to the same step must have the same delay: codebook 3 (delay 2) shares "
                        + "step 1 with codebook 1 (delay 1)",
                rejection("partial-flatten:flattening=0,1,1,1:delays=0,1,1,2", 4));
        assertEquals("pattern spec 'delay:0,1': expected key=value, got '0,1'", rejection("delay:0,1", 2));
        assertEquals("K (number of codebooks) must be at least 1, got 0", rejection("parallel", 0));
        assertEquals("delays must be >= 0: -1,0", rejection("delay:delays=-1,0", 2));
    }

    @Test
    void aLayoutWithNoStepIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ParallelPattern(2, -1).pattern(0));
    }
}
