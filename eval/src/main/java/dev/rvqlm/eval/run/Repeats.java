package dev.rvqlm.eval.run;

/**
 * How often each pattern is trained: {@code seeds} runs with seeds first, first + 1, …, each with its own
 * initialisation, crops and sampling.
 *
 * @param seeds   runs per pattern, at least 1
 * @param resplit false (default): the held-out files are fixed by the first seed; true: each seed draws its own split
 */
public record Repeats(int seeds, boolean resplit) {

    public Repeats {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
    }

    public static Repeats once() {
        return new Repeats(1, false);
    }
}
