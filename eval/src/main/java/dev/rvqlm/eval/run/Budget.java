package dev.rvqlm.eval.run;

import java.util.Locale;

/** How the patterns' training runs are made equal. */
public enum Budget {
    /** Every pattern trains the same number of optimizer steps on the same crops (the MusicGen ablation). */
    STEPS,
    /**
     * Every pattern gets the training FLOPs (LmConfig's estimate) that the configured steps cost the first pattern
     * given; a pattern with longer sequences therefore takes fewer steps (at least one).
     */
    FLOPS;

    /** {@code steps} or {@code flops}, as on the command line. */
    public static Budget parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "steps" -> STEPS;
            case "flops" -> FLOPS;
            default -> throw new IllegalArgumentException("budget must be 'steps' or 'flops', got '" + text + "'");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
