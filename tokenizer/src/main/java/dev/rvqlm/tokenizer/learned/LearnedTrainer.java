package dev.rvqlm.tokenizer.learned;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rvqlm.tokenizer.rvq.TrainProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a learned codec (VQ-VAE with residual VQ, as SoundStream/EnCodec, on gain-shape feature frames instead of
 * waveforms). Per step: a batch of runs of consecutive frames; the encoder's latents are quantised by the first k
 * stages (k = K, or with probability {@link LatentVq#dropout()} a uniform k ≤ K: quantizer dropout); the decoder
 * reconstructs the features; loss = weighted feature MSE + β·commitment with the straight-through estimator
 * ({@link LearnedLoss}); Adam updates the networks and EMA the codebooks, dead codes are reset from the batch.
 * The first {@link LearnedTraining#quantizeFrom()} steps train without quantisation; then the stages are seeded
 * by k-means++ on the encoder's outputs.
 *
 * <p>Every step draws from a generator derived from (seed, step), so a run resumed from a checkpoint
 * ({@link LearnedCheckpoint}) continues as the uninterrupted one would, up to float rounding of the EMA state.
 */
public final class LearnedTrainer {

    private final int codebooks;
    private final int size;
    private final LearnedShape shape;
    private final LearnedTraining training;

    public LearnedTrainer(int codebooks, int size, LearnedShape shape, LearnedTraining training) {
        if (codebooks < 1 || size < 2) {
            throw new IllegalArgumentException(
                    "need K >= 1 codebooks of N >= 2 codes, got K=" + codebooks + ", N=" + size);
        }
        this.codebooks = codebooks;
        this.size = size;
        this.shape = shape;
        this.training = training;
    }

    /** Where and how often to checkpoint, and whether to resume from the file. */
    public record Checkpoints(Path file, int every, boolean resume) {
        public static final Checkpoints NONE = new Checkpoints(null, 0, false);
    }

    /**
     * @param clips        per clip, its [T][D] feature frames (at least one frame overall)
     * @param envelopeDims the first dimensions that hold band envelopes (weighted by the envelope weight)
     */
    public LearnedCoder train(
            List<float[][]> clips, int envelopeDims, TrainProgress.Listener listener, Checkpoints checkpoints)
            throws IOException {
        List<float[][]> usable = clips.stream().filter(c -> c.length > 0).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no training frames");
        }
        int dim = usable.get(0)[0].length;
        float[][] moments = moments(usable, dim);
        LearnedNetwork net =
                LearnedNetwork.initialise(shape, dim, moments[0], moments[1], new SplittableRandom(training.seed()));
        boolean done = false;
        try {
            LearnedCoder coder = run(net, usable, envelopeDims, listener, checkpoints);
            done = true;
            return coder;
        } finally {
            if (!done) {
                net.close();
            }
        }
    }

    private LearnedCoder run(
            LearnedNetwork net,
            List<float[][]> clips,
            int envelopeDims,
            TrainProgress.Listener listener,
            Checkpoints checkpoints)
            throws IOException {
        int dim = net.dimension();
        int segments = training.batch().segments();
        int frames = training.batch().frames();
        int padded = frames + shape.decoderPast() + shape.decoderFuture();
        int rows = segments * padded;
        int width = shape.encoderWindow() * dim;
        long[] ends = new long[clips.size()];
        long total = 0;
        for (int i = 0; i < clips.size(); i++) {
            total += clips.get(i).length;
            ends[i] = total;
        }
        float[] std = net.std();
        float[] lossWeights = new float[dim];
        double meanWeight = 0;
        for (int i = 0; i < dim; i++) {
            lossWeights[i] = (float) (std[i] * std[i] * (i < envelopeDims ? training.envelopeWeight() : 1));
            meanWeight += lossWeights[i] / dim;
        }
        NDManager root = net.manager();
        NDArray weights = root.create(lossWeights);
        NDArray beta = root.create((float) training.vq().commitment());
        Engine engine = Engine.getEngine("PyTorch");
        int start = 0;
        LatentQuantizer quantizer = null;
        try (Adam adam = new Adam(net.parameters(), root)) {
            if (checkpoints.resume() && checkpoints.file() != null && Files.exists(checkpoints.file())) {
                LearnedCheckpoint.State state =
                        LearnedCheckpoint.read(checkpoints.file(), net, adam, codebooks, size, training);
                start = state.step();
                quantizer = state.quantizer();
            }
            for (int step = start; step < training.steps(); step++) {
                SplittableRandom random = new SplittableRandom(mix(training.seed(), step));
                try (NDManager sm = root.newSubManager()) {
                    if (quantizer == null && step >= training.quantizeFrom()) {
                        quantizer = seed(net, clips, ends, sm, random);
                        listener.onProgress(new TrainProgress(TrainProgress.Phase.INIT, codebooks, codebooks, 0, 0, 0));
                    }
                    float[] windows = new float[rows * width];
                    float[] targets = new float[segments * frames * dim];
                    sample(net, clips, ends, random, windows, targets, padded, frames);
                    int active = training.vq().dropout() > 0
                                    && random.nextDouble() < training.vq().dropout()
                            ? 1 + random.nextInt(codebooks)
                            : codebooks;
                    double reconstruction;
                    int resets = 0;
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray z = net.encode(sm.create(windows, new Shape(rows, width)));
                        NDArray quantized = null;
                        if (quantizer != null) {
                            LatentQuantizer.Step q =
                                    quantizer.quantize(sm, z.toFloatArray(), rows, active, training.vq(), true, random);
                            quantized = sm.create(q.quantized(), new Shape(rows, shape.latent()));
                            resets = q.resets();
                        }
                        LearnedLoss.Parts loss = LearnedLoss.compute(
                                net,
                                z,
                                quantized,
                                sm.create(targets, new Shape((long) segments * frames, dim)),
                                weights,
                                beta,
                                segments);
                        collector.backward(loss.total());
                        reconstruction = loss.reconstruction().getFloat();
                    }
                    adam.step(sm, learningRate(step), 1.0);
                    listener.onProgress(new TrainProgress(
                            TrainProgress.Phase.TRAIN,
                            step + 1,
                            training.steps(),
                            reconstruction,
                            reconstruction / meanWeight,
                            resets));
                }
                boolean last = step + 1 == training.steps();
                if (checkpoints.file() != null
                        && checkpoints.every() > 0
                        && ((step + 1) % checkpoints.every() == 0 || last)) {
                    LearnedCheckpoint.write(checkpoints.file(), step + 1, net, adam, quantizer);
                }
            }
            if (quantizer == null) { // no quantised step at all (a zero-step run): seed so that the codec is complete
                try (NDManager sm = root.newSubManager()) {
                    quantizer = seed(net, clips, ends, sm, new SplittableRandom(mix(training.seed(), -1)));
                }
            }
        }
        return new LearnedCoder(net, quantizer.codebooks());
    }

    /** Linear decay from the peak to a tenth of it over the run. */
    private double learningRate(int step) {
        double progress = training.steps() <= 1 ? 0 : (double) step / (training.steps() - 1);
        return training.learningRate() * (1 - 0.9 * progress);
    }

    /** k-means++ on the encoder's latents of up to 16·N random frames, stage by stage. */
    private LatentQuantizer seed(
            LearnedNetwork net, List<float[][]> clips, long[] ends, NDManager sm, SplittableRandom random) {
        long total = ends[ends.length - 1];
        int count = (int) Math.min(total, 16L * size);
        int width = shape.encoderWindow() * net.dimension();
        float[] windows = new float[count * width];
        for (int r = 0; r < count; r++) {
            int clip = clipOf(ends, random.nextLong(total));
            net.windows(clips.get(clip), new int[] {random.nextInt(clips.get(clip).length)}, windows, r * width);
        }
        float[] latents =
                net.encode(sm.create(windows, new Shape(count, width))).toFloatArray();
        double scale = (double) training.batch().segments()
                * (training.batch().frames() + shape.decoderPast() + shape.decoderFuture())
                / count;
        return new LatentQuantizer(sm, codebooks, size, shape.latent(), latents, count, scale, random);
    }

    /** Fills encoder windows for {@code segments} runs of {@code padded} latent frames and their target frames. */
    private void sample(
            LearnedNetwork net,
            List<float[][]> clips,
            long[] ends,
            SplittableRandom random,
            float[] windows,
            float[] targets,
            int padded,
            int frames) {
        int dim = net.dimension();
        int width = shape.encoderWindow() * dim;
        int segments = training.batch().segments();
        long total = ends[ends.length - 1];
        int[] latentFrames = new int[padded];
        float[][] targetRows = new float[frames][];
        for (int s = 0; s < segments; s++) {
            float[][] clip = clips.get(clipOf(ends, random.nextLong(total)));
            int start = random.nextInt(Math.max(1, clip.length - frames + 1));
            for (int u = 0; u < padded; u++) {
                latentFrames[u] = start - shape.decoderPast() + u;
            }
            net.windows(clip, latentFrames, windows, s * padded * width);
            for (int f = 0; f < frames; f++) {
                targetRows[f] = clip[Math.min(clip.length - 1, start + f)];
            }
            System.arraycopy(net.normalise(targetRows), 0, targets, s * frames * dim, frames * dim);
        }
    }

    private static int clipOf(long[] ends, long frame) {
        int i = Arrays.binarySearch(ends, frame + 1);
        return i >= 0 ? i : -i - 1;
    }

    /** Per-dimension mean and standard deviation (floored at 1e-3) over all frames. */
    static float[][] moments(List<float[][]> clips, int dim) {
        double[] sum = new double[dim];
        double[] sq = new double[dim];
        long n = 0;
        for (float[][] clip : clips) {
            for (float[] f : clip) {
                for (int i = 0; i < dim; i++) {
                    sum[i] += f[i];
                    sq[i] += (double) f[i] * f[i];
                }
                n++;
            }
        }
        float[] mean = new float[dim];
        float[] std = new float[dim];
        for (int i = 0; i < dim; i++) {
            double m = sum[i] / n;
            mean[i] = (float) m;
            std[i] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sq[i] / n - m * m)));
        }
        return new float[][] {mean, std};
    }

    /** A per-step seed from the run seed (SplitMix64 finaliser). */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
