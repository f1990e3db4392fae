package dev.rvqlm.patterns;

import java.util.List;

/**
 * Draws a pattern as MusicGen's Figure 1 does: one row per codebook, one column per sequence step (step 0
 * included), each cell the timestep it holds, {@code emptyCell} for the special token. Phantom coordinates
 * ({@code t >= T}) are drawn empty, as {@link Pattern#build} fills them with the special token.
 */
public final class LayoutGrid {

    private LayoutGrid() {}

    /** The grid rows, e.g. {@code "k=0  · 0 1 2 ·"}; with {@code stepHeader}, a first row of step numbers. */
    public static String render(Pattern pattern, String emptyCell, boolean stepHeader) {
        List<List<Coord>> layout = pattern.layout();
        String[][] cells = new String[pattern.codebooks()][layout.size()];
        int width = emptyCell.length();
        for (int s = 0; s < layout.size(); s++) {
            for (Coord c : layout.get(s)) {
                if (c.t() < pattern.timesteps()) {
                    cells[c.k()][s] = Integer.toString(c.t());
                    width = Math.max(width, cells[c.k()][s].length());
                }
            }
        }
        if (stepHeader) {
            width = Math.max(width, Integer.toString(layout.size() - 1).length());
        }
        int labelWidth = Math.max(("k=" + Math.max(0, pattern.codebooks() - 1)).length(), stepHeader ? 4 : 0);
        String label = "%-" + labelWidth + "s  ";
        StringBuilder text = new StringBuilder();
        if (stepHeader) {
            text.append(String.format(label, "step"));
            for (int s = 0; s < layout.size(); s++) {
                text.append(pad(Integer.toString(s), width)).append(s + 1 < layout.size() ? " " : "");
            }
            text.append('\n');
        }
        for (int k = 0; k < cells.length; k++) {
            StringBuilder row = new StringBuilder(String.format(label, "k=" + k));
            for (int s = 0; s < layout.size(); s++) {
                row.append(pad(cells[k][s] == null ? emptyCell : cells[k][s], width))
                        .append(' ');
            }
            text.append(row.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String pad(String cell, int width) {
        return " ".repeat(width - cell.length()) + cell;
    }
}
