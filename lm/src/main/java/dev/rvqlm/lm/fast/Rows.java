package dev.rvqlm.lm.fast;

/**
 * The rows of one pass through the blocks: n consecutive steps of each of B sequences, starting at
 * {@code position}, as rows {@code r = b·n + j} (sequence b, step position + j). Decoding passes one step of every
 * sequence (n = 1); a prompt passes many at once, so that each weight read from memory serves all of them.
 *
 * @param sequences B ≥ 1
 * @param steps     n ≥ 1 steps per sequence
 * @param position  the first step's position
 */
record Rows(int sequences, int steps, int position) {

    Rows {
        if (sequences < 1 || steps < 1 || position < 0) {
            throw new IllegalArgumentException(
                    "rows need B ≥ 1, n ≥ 1 and a position ≥ 0, got " + sequences + ", " + steps + ", " + position);
        }
    }

    /** B · n. */
    int count() {
        return sequences * steps;
    }

    /** The sequence of row r. */
    int sequence(int r) {
        return r / steps;
    }

    /** The position of row r. */
    int position(int r) {
        return position + r % steps;
    }
}
