package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.shaping.Shaping;

/**
 * The shape of a codec, stored in its file and fixed once trained.
 *
 * @param sampleRate   audio rate in Hz the codec works at (default 24000, as EnCodec 24 kHz), 1000..384000
 * @param hop          MDCT hop M in samples = samples per frame (default 320: 75 frames/s at 24 kHz); even
 * @param codebooks    K, number of RVQ stages (default 8: 6 kbps at 75 frames/s and N=1024), 1..64
 * @param codebookSize N, codewords per stage (default 1024 = 10 bits), 2..65536
 * @param shaping      how MDCT frames become quantizer vectors (default {@link Shaping#defaults()})
 */
public record CodecConfig(int sampleRate, int hop, int codebooks, int codebookSize, Shaping shaping) {

    public CodecConfig {
        if (sampleRate < 1000 || sampleRate > 384000) {
            throw new IllegalArgumentException("sample rate must be in [1000, 384000] Hz, got " + sampleRate);
        }
        if (hop < 2 || hop % 2 != 0) {
            throw new IllegalArgumentException("hop (samples per frame) must be even and >= 2, got " + hop);
        }
        if (codebooks < 1 || codebooks > 64) {
            throw new IllegalArgumentException("codebooks K must be in [1, 64], got " + codebooks);
        }
        if (codebookSize < 2 || codebookSize > 65536) {
            throw new IllegalArgumentException("codebook size N must be in [2, 65536], got " + codebookSize);
        }
        if (shaping == null) {
            throw new IllegalArgumentException("shaping must be given");
        }
        if (shaping instanceof Shaping.GainShape g && g.bands() * 2 > hop) {
            throw new IllegalArgumentException(
                    "gain-shape bands=" + g.bands() + " do not fit in " + hop + " MDCT bins (each band needs >= 2)");
        }
    }

    public static CodecConfig defaults() {
        return new CodecConfig(24000, 320, 8, 1024, Shaping.defaults());
    }

    /**
     * A config from a frame rate instead of a hop: {@code hop = sampleRate / frameRate} must be an even integer.
     */
    public static CodecConfig of(int sampleRate, double frameRate, int codebooks, int codebookSize, Shaping shaping) {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRate);
        }
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException(
                    "frame rate must be a positive number of frames per second, got " + frameRate);
        }
        double hop = sampleRate / frameRate;
        long rounded = Math.round(hop);
        if (!(frameRate > 0) || Math.abs(hop - rounded) > 1e-9 || rounded % 2 != 0) {
            throw new IllegalArgumentException("frame rate " + frameRate + " does not divide sample rate " + sampleRate
                    + " into an even number of samples per frame");
        }
        return new CodecConfig(sampleRate, (int) rounded, codebooks, codebookSize, shaping);
    }

    /** A builder starting from this config; each setter changes exactly its own field. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets fields by name; {@link #build} validates them (the record's constructor). */
    public static final class Builder {
        private int sampleRate;
        private int hop;
        private int codebooks;
        private int codebookSize;
        private Shaping shaping;

        private Builder(CodecConfig c) {
            sampleRate = c.sampleRate;
            hop = c.hop;
            codebooks = c.codebooks;
            codebookSize = c.codebookSize;
            shaping = c.shaping;
        }

        public Builder sampleRate(int value) {
            sampleRate = value;
            return this;
        }

        public Builder hop(int value) {
            hop = value;
            return this;
        }

        public Builder codebooks(int value) {
            codebooks = value;
            return this;
        }

        public Builder codebookSize(int value) {
            codebookSize = value;
            return this;
        }

        public Builder shaping(Shaping value) {
            shaping = value;
            return this;
        }

        public CodecConfig build() {
            return new CodecConfig(sampleRate, hop, codebooks, codebookSize, shaping);
        }
    }

    /** Frames per second. */
    public double frameRate() {
        return (double) sampleRate / hop;
    }

    /** Bits per second with the first {@code k} codebooks: frames/s × k × log2 N. */
    public double bitrate(int k) {
        return frameRate() * k * (Math.log(codebookSize) / Math.log(2));
    }

    /** Quantizer vector length D. */
    public int dimension() {
        return shaping.vectorSize(hop);
    }
}
