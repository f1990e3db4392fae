package dev.rvqlm.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.metrics.LogMel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The small log-mel PNG beside each decoded prompt, drawn by the tokenizer's shared spectrogram routine. */
class ListeningTest {

    @Test
    void logMelSpectrogramIsTwoPixelsPerCellWithLowBandsAtTheBottom() throws IOException {
        float[][] features = new float[10][LogMel.BANDS];
        for (float[] frame : features) {
            Arrays.fill(frame, -3); // 60 dB below the loud band (log10 magnitudes)
            frame[2] = 0;
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Listening.spectrogram(features)));
        assertEquals(20, image.getWidth());
        assertEquals(2 * LogMel.BANDS, image.getHeight());
        int loudY = 2 * (LogMel.BANDS - 1 - 2); // band 2 counted from the bottom
        for (int y = 0; y < image.getHeight(); y++) {
            int red = (image.getRGB(5, y) >> 16) & 0xFF;
            if (y == loudY || y == loudY + 1) {
                assertEquals(255, red, "the loud band at y=" + y);
            } else {
                assertTrue(red < 255, "a quiet band at y=" + y);
            }
        }
    }
}
