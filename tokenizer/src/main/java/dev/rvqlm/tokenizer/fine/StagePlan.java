package dev.rvqlm.tokenizer.fine;

import java.util.Arrays;

/**
 * Which part of the VQ vector [latent (Z), fine structure (L)] each residual-VQ stage codes: {@code [from_k, to_k)}.
 * A learned codec's stages all code the latent. A fine codec's stages code the whole joint vector when its
 * {@link FineStructure#groupBins()} is 0; otherwise stage 1 codes the latent and the later stages alternate between
 * a group of {@code groupBins} fine bins (lowest first, starting over after the last group, so that a second pass
 * refines the first) and the latent again. A stage's codewords are zero outside its part, so decoding (the sum of
 * the chosen codewords) and nearest-code search over the whole vector need no plan; training uses it to learn each
 * stage on its part only, where a 10-bit code spends about a bit per dimension instead of a tenth.
 */
public record StagePlan(int[] from, int[] to) {

    public StagePlan {
        if (from.length != to.length || from.length == 0) {
            throw new IllegalArgumentException("a stage plan needs one [from, to) per stage");
        }
        for (int k = 0; k < from.length; k++) {
            if (from[k] < 0 || to[k] <= from[k]) {
                throw new IllegalArgumentException(
                        "stage " + k + " codes the empty range [" + from[k] + ", " + to[k] + ")");
            }
        }
        from = from.clone();
        to = to.clone();
    }

    /**
     * @param codebooks K
     * @param latent    Z
     * @param fine      the fine layout, or null (a learned codec: every stage codes the latent)
     */
    public static StagePlan of(int codebooks, int latent, FineLayout fine) {
        int[] from = new int[codebooks];
        int[] to = new int[codebooks];
        int length = fine == null ? 0 : fine.length();
        int group = fine == null ? 0 : fine.structure().groupBins();
        int groups = group == 0 ? 0 : (length + group - 1) / group;
        int fineStages = 0;
        for (int k = 0; k < codebooks; k++) {
            if (fine == null || group == 0) {
                to[k] = latent + length;
            } else if (k % 2 == 0) {
                to[k] = latent;
            } else {
                int g = fineStages++ % groups;
                from[k] = latent + g * group;
                to[k] = Math.min(latent + length, from[k] + group);
            }
        }
        return new StagePlan(from, to);
    }

    public int stages() {
        return from.length;
    }

    public int from(int stage) {
        return from[stage];
    }

    /** Dimensions stage {@code stage} codes. */
    public int width(int stage) {
        return to[stage] - from[stage];
    }

    @Override
    public int[] from() {
        return from.clone();
    }

    @Override
    public int[] to() {
        return to.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StagePlan p && Arrays.equals(from, p.from) && Arrays.equals(to, p.to);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(from) + Arrays.hashCode(to);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("StagePlan[");
        for (int k = 0; k < from.length; k++) {
            s.append(k == 0 ? "" : ", ").append(from[k]).append("..").append(to[k]);
        }
        return s.append(']').toString();
    }
}
