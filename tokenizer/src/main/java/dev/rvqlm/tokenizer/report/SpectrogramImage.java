package dev.rvqlm.tokenizer.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The one spectrogram drawing routine: a [frames][rows] grid of levels (dB, log magnitudes, any unit) as colours,
 * time left to right and row 0 at the bottom, so that frequency goes up.
 */
public final class SpectrogramImage {

    private SpectrogramImage() {}

    /**
     * Draws {@code cells} with each cell {@code cellWidth} × {@code cellHeight} pixels; levels at or below
     * {@code low} are the darkest colour, at or above {@code high} the brightest.
     *
     * @param rows the row count, which an empty grid cannot tell
     */
    public static BufferedImage draw(
            float[][] cells, int rows, double low, double high, int cellWidth, int cellHeight) {
        if (!(high > low) || rows < 1 || cellWidth < 1 || cellHeight < 1) {
            throw new IllegalArgumentException("a spectrogram needs low < high, rows >= 1 and cells of >= 1 px, got "
                    + low + ", " + high + ", " + rows + ", " + cellWidth + "x" + cellHeight);
        }
        int frames = Math.max(1, cells.length);
        BufferedImage image = new BufferedImage(cellWidth * frames, cellHeight * rows, BufferedImage.TYPE_INT_RGB);
        for (int t = 0; t < cells.length; t++) {
            for (int r = 0; r < rows; r++) {
                int rgb = color(Math.max(0, Math.min(1, (cells[t][r] - low) / (high - low))));
                int y0 = cellHeight * (rows - 1 - r);
                for (int dx = 0; dx < cellWidth; dx++) {
                    for (int dy = 0; dy < cellHeight; dy++) {
                        image.setRGB(cellWidth * t + dx, y0 + dy, rgb);
                    }
                }
            }
        }
        return image;
    }

    /** The largest level in the grid (negative infinity when it is empty). */
    public static float max(float[][] cells) {
        float max = Float.NEGATIVE_INFINITY;
        for (float[] frame : cells) {
            for (float v : frame) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    /** The image as PNG bytes. */
    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw a spectrogram: " + e.getMessage(), e);
        }
    }

    /** Dark blue through magenta to yellow; red + green rises with the level, so brighter means louder. */
    static int color(double level) {
        int r = (int) Math.round(255 * Math.min(1, 1.6 * level));
        int g = (int) Math.round(255 * Math.max(0, 1.8 * level - 0.8));
        int b = (int) Math.round(255 * (0.35 + 0.4 * Math.sin(Math.PI * level)) * (1 - 0.6 * level));
        return (r << 16) | (g << 8) | Math.max(0, Math.min(255, b));
    }
}
