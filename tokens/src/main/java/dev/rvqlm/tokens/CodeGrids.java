package dev.rvqlm.tokens;

/** Checks on code grids, with messages in the user's terms. */
public final class CodeGrids {

    private CodeGrids() {}

    /**
     * Checks that {@code codes} is a rectangular [K][T] grid with every value in [0, N).
     *
     * @return T
     */
    public static int requireGrid(int[][] codes, int codebookSize, String what) {
        int width = codes.length == 0 ? 0 : codes[0].length;
        for (int k = 0; k < codes.length; k++) {
            if (codes[k].length != width) {
                throw new IllegalArgumentException(
                        what + ": codebook rows differ in length (" + width + " and " + codes[k].length + ")");
            }
            for (int t = 0; t < width; t++) {
                int v = codes[k][t];
                if (v < 0 || v >= codebookSize) {
                    throw new IllegalArgumentException(what + ": code " + v + " at codebook " + k + ", timestep " + t
                            + " is outside [0, N=" + codebookSize + ")");
                }
            }
        }
        return width;
    }
}
