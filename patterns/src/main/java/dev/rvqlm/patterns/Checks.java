package dev.rvqlm.patterns;

import java.util.List;
import java.util.stream.Collectors;

/** The argument checks the providers share, with messages in the user's terms. */
final class Checks {

    private Checks() {}

    static void requireCodebooks(int codebooks) {
        if (codebooks < 1) {
            throw new IllegalArgumentException("K (number of codebooks) must be at least 1, got " + codebooks);
        }
    }

    static void requireTimesteps(int timesteps) {
        if (timesteps < 0) {
            throw new IllegalArgumentException("T (timesteps) must be at least 0, got " + timesteps);
        }
    }

    static void requireLength(String name, List<Integer> values, int expected, String expectation) {
        if (values.size() != expected) {
            throw new IllegalArgumentException(name + " must have " + expectation + " (" + expected + "), got "
                    + values.size() + ": " + join(values));
        }
    }

    static void requireSortedNonNegative(String name, List<Integer> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) < 0) {
                throw new IllegalArgumentException(name + " must be >= 0: " + join(values));
            }
            if (i > 0 && values.get(i) < values.get(i - 1)) {
                throw new IllegalArgumentException(name + " must be sorted: " + join(values));
            }
        }
    }

    static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    /** empty_initial: empty steps after the initial special step, or -1 for no initial special step. */
    static void requireEmptyInitial(int emptyInitial) {
        if (emptyInitial < -1) {
            throw new IllegalArgumentException(
                    "empty_initial must be -1 (no initial special step) or >= 0, got " + emptyInitial);
        }
    }

    static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
