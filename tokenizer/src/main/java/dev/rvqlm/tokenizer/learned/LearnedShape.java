package dev.rvqlm.tokenizer.learned;

/**
 * The shape of a learned codec's networks, stored in its file. Encoder: the frames t − encoderPast … t +
 * encoderFuture of gain-shape features (normalised per dimension) → one hidden layer of {@code hidden} GELU units →
 * a {@code latent}-dimensional vector z_t, which the residual VQ quantises. Decoder: the quantised latents t −
 * decoderPast … t + decoderFuture → two hidden layers → the frame's gain-shape features.
 *
 * <p>Look-ahead: decoding frame t needs the codes of frame t + decoderFuture, which need the audio of frame t +
 * decoderFuture + encoderFuture; so the codec adds (encoderFuture + decoderFuture) frames of latency to the MDCT's
 * own one frame.
 *
 * @param latent        Z, latent dimension per frame (default 64), 1..1024
 * @param hidden        hidden units per layer (default 1024; 512 gave 0.0022 more log-mel distance at 6 kbit/s
 *                      on the dev corpus), 1..8192
 * @param encoderPast   past frames the encoder sees (default 2)
 * @param encoderFuture future frames the encoder sees (default 1)
 * @param decoderPast   past latents the decoder sees (default 1)
 * @param decoderFuture future latents the decoder sees (default 1)
 */
public record LearnedShape(
        int latent, int hidden, int encoderPast, int encoderFuture, int decoderPast, int decoderFuture) {

    public LearnedShape {
        check("latent", latent, 1, 1024);
        check("hidden", hidden, 1, 8192);
        check("encoderPast", encoderPast, 0, 16);
        check("encoderFuture", encoderFuture, 0, 16);
        check("decoderPast", decoderPast, 0, 16);
        check("decoderFuture", decoderFuture, 0, 16);
    }

    public static LearnedShape defaults() {
        return new LearnedShape(64, 1024, 2, 1, 1, 1);
    }

    /** Frames in the encoder's window. */
    public int encoderWindow() {
        return encoderPast + 1 + encoderFuture;
    }

    /** Latents in the decoder's window. */
    public int decoderWindow() {
        return decoderPast + 1 + decoderFuture;
    }

    /** Frames of look-ahead the networks add to the MDCT's own. */
    public int lookAheadFrames() {
        return encoderFuture + decoderFuture;
    }

    /** A builder starting from this shape; each setter changes exactly its own field. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets fields by name; {@link #build} validates them (the record's constructor). */
    public static final class Builder {
        private int latent;
        private int hidden;
        private int encoderPast;
        private int encoderFuture;
        private int decoderPast;
        private int decoderFuture;

        private Builder(LearnedShape s) {
            latent = s.latent;
            hidden = s.hidden;
            encoderPast = s.encoderPast;
            encoderFuture = s.encoderFuture;
            decoderPast = s.decoderPast;
            decoderFuture = s.decoderFuture;
        }

        public Builder latent(int value) {
            latent = value;
            return this;
        }

        public Builder hidden(int value) {
            hidden = value;
            return this;
        }

        public Builder encoderPast(int value) {
            encoderPast = value;
            return this;
        }

        public Builder encoderFuture(int value) {
            encoderFuture = value;
            return this;
        }

        public Builder decoderPast(int value) {
            decoderPast = value;
            return this;
        }

        public Builder decoderFuture(int value) {
            decoderFuture = value;
            return this;
        }

        public LearnedShape build() {
            return new LearnedShape(latent, hidden, encoderPast, encoderFuture, decoderPast, decoderFuture);
        }
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "learned codec " + name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
