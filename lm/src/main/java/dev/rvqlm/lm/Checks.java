package dev.rvqlm.lm;

/** The one argument check of the lm module's configs: a false condition is bad input, said in the user's terms. */
final class Checks {

    private Checks() {}

    /** @throws IllegalArgumentException with {@code message} when {@code ok} is false */
    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The rules every transformer shape follows (the temporal one and the depth one): {@code what} names it in the
     * messages, e.g. "dim (D)" or "depth dim (D')".
     */
    static void requireShape(String prefix, String letter, int dim, int layers, int heads, int ffnMultiplier) {
        require(dim >= 4 && dim % 2 == 0, prefix + "dim (D" + letter + ") must be even and at least 4, got " + dim);
        require(layers >= 1, prefix + "layers (L" + letter + ") must be at least 1, got " + layers);
        require(heads >= 1, prefix + "heads (H" + letter + ") must be at least 1, got " + heads);
        require(
                dim % heads == 0,
                prefix + "dim (D" + letter + "=" + dim + ") must be divisible by " + prefix + "heads (H" + letter + "="
                        + heads + ")");
        require(ffnMultiplier >= 1, prefix + "ffnMultiplier must be at least 1, got " + ffnMultiplier);
    }
}
