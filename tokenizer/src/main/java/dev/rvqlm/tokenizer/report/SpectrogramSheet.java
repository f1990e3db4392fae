package dev.rvqlm.tokenizer.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Spectrograms of one excerpt stacked in a column under a title, each panel with its own caption, a kHz scale on
 * the left and seconds under the last panel. All panels share one colour range, from the loudest cell of any panel
 * down by {@link #RANGE_DB}, so that what a panel lacks shows as dark.
 */
public final class SpectrogramSheet {

    /** Levels shown below the loudest cell. */
    public static final double RANGE_DB = 80;
    /** Pixels per STFT frame and per frequency row. */
    public static final int CELL = 2;

    static final int LEFT = 52;
    static final int RIGHT = 16;
    static final int TITLE = 30;
    static final int CAPTION = 20;
    static final int GAP = 8;
    static final int BOTTOM = 30;

    /** One spectrogram and its caption. */
    public record Panel(String caption, float[][] decibels) {}

    private SpectrogramSheet() {}

    /** Draws {@code panels} (each [frames][scale.rows()] dB, same frame count) under {@code title}. */
    public static BufferedImage draw(String title, List<Panel> panels, LinearSpectrogram scale) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a spectrogram sheet needs at least one panel");
        }
        int frames = Math.max(1, panels.get(0).decibels().length);
        float max =
                panels.stream().map(p -> SpectrogramImage.max(p.decibels())).reduce(Float.NEGATIVE_INFINITY, Math::max);
        if (!Float.isFinite(max)) {
            max = 0;
        }
        int plotHeight = CELL * scale.rows();
        int panelHeight = CAPTION + plotHeight + GAP;
        BufferedImage sheet = new BufferedImage(
                LEFT + CELL * frames + RIGHT, TITLE + panels.size() * panelHeight + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setColor(Color.BLACK);
            int size = 14;
            do { // a long clip name shrinks the title rather than being cut off
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size--));
            } while (size >= 8 && g.getFontMetrics().stringWidth(title) > sheet.getWidth() - 16);
            g.drawString(title, 8, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int y = TITLE;
            for (Panel panel : panels) {
                g.setColor(Color.BLACK);
                g.drawString(panel.caption(), LEFT, y + CAPTION - 6);
                int top = y + CAPTION;
                g.drawImage(
                        SpectrogramImage.draw(panel.decibels(), scale.rows(), max - RANGE_DB, max, CELL, CELL),
                        LEFT,
                        top,
                        null);
                frequencyScale(g, scale, top);
                y += panelHeight;
            }
            timeScale(g, scale, frames, y - GAP);
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Ticks and labels every kHz (every 500 Hz when at most 2 kHz are shown), 0 at the bottom row. */
    private static void frequencyScale(Graphics2D g, LinearSpectrogram scale, int top) {
        double step = scale.maxHz() > 2000 ? 1000 : 500;
        g.setColor(Color.BLACK);
        for (double hz = 0; hz <= scale.maxHz() + 1e-9; hz += step) {
            int row = (int) Math.round(hz / scale.hzPerRow());
            int y = top + CELL * (scale.rows() - 1 - row) + CELL / 2;
            g.drawLine(LEFT - 5, y, LEFT - 1, y);
            String label =
                    hz % 1000 == 0 ? String.format("%d k", (int) (hz / 1000)) : String.format("%.1f k", hz / 1000);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
    }

    /** Ticks and labels every second under the last panel. */
    private static void timeScale(Graphics2D g, LinearSpectrogram scale, int frames, int bottom) {
        g.setColor(Color.BLACK);
        double seconds = frames * scale.secondsPerFrame();
        for (int s = 0; s <= seconds; s++) {
            int x = LEFT + (int) Math.round(CELL * s / scale.secondsPerFrame());
            g.drawLine(x, bottom + 1, x, bottom + 5);
            String label = s + " s";
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, bottom + 18);
        }
    }
}
