package dev.rvqlm.tokenizer.learned;

import dev.rvqlm.tokenizer.fine.FineStructure;
import java.util.Locale;

/** A learned (or fine) codec's shape and run settings in words, as stored in its training summary. */
public final class LearnedSettings {

    private LearnedSettings() {}

    /** @param fine the fine structure of kind fine, or null */
    public static String describe(LearnedShape shape, LearnedTraining run, FineStructure fine) {
        String text = String.format(
                Locale.ROOT,
                "learned: Z=%d, hidden %d, encoder frames t-%d..t+%d, decoder "
                        + "latents t-%d..t+%d (look-ahead %d frames); %d Adam steps (lr %.1e, warm-up %.0f%%) x %d x %d "
                        + "frames; commitment %.2f, EMA decay %.3f, dead below %.2f of uniform use, quantizer dropout %.2f, jitter %.2f, "
                        + "temperature %.2f, envelope weight %.2f",
                shape.latent(),
                shape.hidden(),
                shape.encoderPast(),
                shape.encoderFuture(),
                shape.decoderPast(),
                shape.decoderFuture(),
                shape.lookAheadFrames(),
                run.steps(),
                run.learningRate(),
                100 * run.warmup(),
                run.batch().segments(),
                run.batch().frames(),
                run.vq().commitment(),
                run.vq().decay(),
                run.vq().deadThreshold(),
                run.vq().dropout(),
                run.vq().jitter(),
                run.vq().temperature(),
                run.envelopeWeight());
        if (fine == null) {
            return text;
        }
        return text
                + String.format(
                        Locale.ROOT,
                        "; fine structure: the lowest %d bands' shapes in the VQ, weight %.2f, emphasis %.2f",
                        fine.bands(),
                        fine.weight(),
                        fine.emphasis());
    }
}
