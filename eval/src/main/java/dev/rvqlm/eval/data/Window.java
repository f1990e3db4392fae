package dev.rvqlm.eval.data;

import java.util.Arrays;

/**
 * A span of frames [start, start + length) of one token file.
 *
 * @param file   index of the file in the corpus
 * @param name   the file's name, for the report
 * @param start  first frame
 * @param length frames
 */
public record Window(int file, String name, int start, int length) {

    public Window {
        if (start < 0 || length < 1) {
            throw new IllegalArgumentException(
                    "a window needs start >= 0 and length >= 1, got start " + start + ", length " + length);
        }
    }

    /** The window's codes [K][length] cut from a file's codes [K][T]. */
    public int[][] cut(int[][] codes) {
        if (codes.length == 0 || start + length > codes[0].length) {
            throw new IllegalStateException("window " + this + " lies outside a file of "
                    + (codes.length == 0 ? 0 : codes[0].length) + " frames");
        }
        int[][] out = new int[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            out[k] = Arrays.copyOfRange(codes[k], start, start + length);
        }
        return out;
    }
}
