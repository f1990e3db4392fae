package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.audio.FiniteSamples;
import dev.rvqlm.tokenizer.rvq.Codebooks;
import dev.rvqlm.tokenizer.shaping.FrameShaper;
import dev.rvqlm.tokenizer.transform.Mdct;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A trained codec: mono audio at {@link #sampleRate()} to K streams of codes in [0, N) at {@link #frameRate()},
 * and back. Pipeline: MDCT (sine window, hop M) → {@link dev.rvqlm.tokenizer.shaping.Shaping} → a
 * {@link FeatureCoder} (classical: greedy residual VQ on the features; learned: encoder → residual VQ on latents →
 * decoder); decoding reverses it with the first k ≤ K codebooks.
 *
 * <p>{@link #encode} and {@link #decode} are pure and thread-safe. Codebooks and weights sit in native memory:
 * {@link #close()} frees them.
 */
public final class Codec implements AutoCloseable {

    private final CodecConfig config;
    private final FeatureCoder coder;
    private final TrainingSummary training;
    private final String identity;
    private final FrameShaper shaper;

    Codec(CodecConfig config, FeatureCoder coder, TrainingSummary training, String identity) {
        Codebooks codebooks = coder.codebooks();
        if (codebooks.count() != config.codebooks()
                || codebooks.size() != config.codebookSize()
                || coder instanceof ClassicalCoder && codebooks.dimension() != config.dimension()) {
            throw new IllegalStateException("codebooks K=" + codebooks.count() + ", N=" + codebooks.size() + ", D="
                    + codebooks.dimension() + " do not match the config K=" + config.codebooks() + ", N="
                    + config.codebookSize() + ", D=" + config.dimension());
        }
        this.config = config;
        this.coder = coder;
        this.training = training;
        this.identity = identity;
        this.shaper = new FrameShaper(config.shaping(), config.hop(), config.sampleRate());
    }

    /** A codec from its parts (it takes ownership of {@code coder}); its identity is the hash of its file bytes. */
    public static Codec of(CodecConfig config, FeatureCoder coder, TrainingSummary training) {
        return new Codec(config, coder, training, identityOf(CodecFile.serialize(config, coder, training)));
    }

    /** The same coder with another training summary (shares the coder: close only one of the two). */
    Codec withTraining(TrainingSummary summary) {
        return of(config, coder, summary);
    }

    /** Loads a codec file; a wrong, truncated or corrupt file fails with a {@link CodecFileException}. */
    public static Codec load(Path file) throws IOException {
        return CodecFile.read(file);
    }

    /** Saves atomically (temporary file, then rename). */
    public void save(Path file) throws IOException {
        AtomicFiles.replace(file, CodecFile.serialize(config, coder, training));
    }

    /**
     * Encodes mono audio already at {@link #sampleRate()}.
     *
     * @return [K][T] codes, T = ceil(samples / hop) + 1
     */
    public int[][] encode(float[] monoAudioAtCodecRate) {
        FiniteSamples.require(monoAudioAtCodecRate, sampleRate());
        return coder.encode(vectors(monoAudioAtCodecRate));
    }

    /** The quantizer's input vectors for some audio, [T][D] (for diagnostics and training). */
    public float[][] vectors(float[] mono) {
        return analysisVectors(config, shaper, mono);
    }

    static float[][] analysisVectors(CodecConfig config, FrameShaper shaper, float[] mono) {
        float[][] mdct = new Mdct(config.hop()).analyze(mono);
        float[][] vectors = new float[mdct.length][];
        for (int t = 0; t < mdct.length; t++) {
            vectors[t] = shaper.shape(mdct[t]);
        }
        return vectors;
    }

    /** Decodes [K][T] codes with all K codebooks; codes must have exactly K rows. */
    public float[] decode(int[][] codes) {
        if (codes.length != config.codebooks()) {
            throw new IllegalArgumentException("codes have K=" + codes.length + " codebooks but the codec has K="
                    + config.codebooks()
                    + (codes.length < config.codebooks()
                            ? " (decode with the first " + codes.length + " codebooks to use them)"
                            : ""));
        }
        return decode(codes, config.codebooks());
    }

    /**
     * Decodes with the first {@code firstK} codebooks (a lower bitrate).
     *
     * @param codes [K'][T], firstK ≤ K' ≤ K, values in [0, N)
     * @return (T - 1) · hop samples at {@link #sampleRate()}
     */
    public float[] decode(int[][] codes, int firstK) {
        if (codes.length > config.codebooks()) {
            throw new IllegalArgumentException(
                    "codes have K=" + codes.length + " codebooks but the codec has only K=" + config.codebooks());
        }
        if (firstK < 1 || firstK > codes.length) {
            throw new IllegalArgumentException(
                    "cannot decode with the first " + firstK + " codebooks of codes with K=" + codes.length);
        }
        return decodeFeatures(coder.decode(codes, firstK));
    }

    /** Audio from [T][D] feature vectors (as the coder decodes them): unshaping, then the inverse MDCT. */
    public float[] decodeFeatures(float[][] vectors) {
        float[][] mdct = new float[vectors.length][];
        for (int t = 0; t < vectors.length; t++) {
            mdct[t] = shaper.unshape(vectors[t], t);
        }
        return new Mdct(config.hop()).synthesize(mdct);
    }

    /** The feature coder (classical or learned). */
    public FeatureCoder coder() {
        return coder;
    }

    /** "classical" or "learned". */
    public String kind() {
        return coder.kind();
    }

    public CodecConfig config() {
        return config;
    }

    public int sampleRate() {
        return config.sampleRate();
    }

    public double frameRate() {
        return config.frameRate();
    }

    /** K. */
    public int codebooks() {
        return config.codebooks();
    }

    /** N. */
    public int codebookSize() {
        return config.codebookSize();
    }

    /** Bits per second with the first k codebooks. */
    public double bitrate(int k) {
        return config.bitrate(k);
    }

    /** The residual VQ's codebooks (on the features for a classical codec, on the latents for a learned one). */
    public Codebooks codebookValues() {
        return coder.codebooks();
    }

    public TrainingSummary training() {
        return training;
    }

    /** {@code rvq-} and the first 16 hex digits of the SHA-256 of the codec's file bytes. */
    public String identity() {
        return identity;
    }

    static String identityOf(byte[] fileBytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(fileBytes);
            return "rvq-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The manifest of a token directory that this codec encoded, listing {@code files}. */
    public TokenManifest manifest(List<TokenManifest.Entry> files) {
        return TokenManifest.of(identity(), sampleRate(), frameRate(), codebooks(), codebookSize(), files);
    }

    @Override
    public void close() {
        coder.close();
    }
}
