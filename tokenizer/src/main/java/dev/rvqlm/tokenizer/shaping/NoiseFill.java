package dev.rvqlm.tokenizer.shaping;

/** What the gain-shape decoder does with the part of a band's shape the codebooks did not reproduce. */
public enum NoiseFill {
    /** Nothing: the decoded shape is rescaled to the band's energy as it is. */
    OFF("off"),
    /** Seeded noise fills the missing shape energy (1 − ‖ĉ‖²) before rescaling, as in CELT/AAC noise filling. */
    MATCH_ENERGY("match");

    private final String word;

    NoiseFill(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static NoiseFill parse(String word) {
        for (NoiseFill n : values()) {
            if (n.word.equals(word)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown noise fill '" + word + "' (one of: off, match)");
    }
}
