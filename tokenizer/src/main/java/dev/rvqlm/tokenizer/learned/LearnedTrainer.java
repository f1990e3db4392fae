package dev.rvqlm.tokenizer.learned;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.fine.FineCoding;
import dev.rvqlm.tokenizer.fine.FineLayout;
import dev.rvqlm.tokenizer.fine.StagePlan;
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
 * <p>Kind fine ({@link FineLayout}): the VQ codes the joint vector [z, c · fine structure of the low bands], with
 * c fixed when the codebooks are seeded (the structure's weight × RMS(z) / RMS(fine)); the decoder sees the latent
 * part, and the fine bands' shapes drop out of the reconstruction loss (the codes carry them).
 *
 * <p>Every step draws from a generator derived from (seed, step), so a run resumed from a checkpoint
 * ({@link LearnedCheckpoint}) continues as the uninterrupted one would, up to float rounding of the EMA state.
 */
public final class LearnedTrainer {

    private final int codebooks;
    private final int size;
    private final LearnedShape shape;
    private final LearnedTraining training;
    private final FineLayout fine;

    /** @param fine null for kind learned, the fine structure for kind fine */
    public LearnedTrainer(CodecConfig config, LearnedShape shape, LearnedTraining training, FineLayout fine) {
        this.codebooks = config.codebooks();
        this.size = config.codebookSize();
        this.shape = shape;
        this.training = training;
        this.fine = fine;
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
            LearnedCoder coder = run(new Run(net, usable, envelopeDims), listener, checkpoints);
            done = true;
            return coder;
        } finally {
            if (!done) {
                net.close();
            }
        }
    }

    /** One run's fixed inputs: the network, the clips, the clips' cumulative frame ends and the loss weights. */
    private final class Run {
        final LearnedNetwork net;
        final List<float[][]> clips;
        final long[] ends;
        final float[] lossWeights;
        final double meanWeight;
        final int padded = training.batch().frames() + shape.decoderPast() + shape.decoderFuture();
        final int rows = training.batch().segments() * padded;
        final int fineLength = fine == null ? 0 : fine.length();

        Run(LearnedNetwork net, List<float[][]> clips, int envelopeDims) {
            this.net = net;
            this.clips = clips;
            this.ends = new long[clips.size()];
            long total = 0;
            for (int i = 0; i < clips.size(); i++) {
                total += clips.get(i).length;
                ends[i] = total;
            }
            int dim = net.dimension();
            float[] std = net.std();
            lossWeights = new float[dim];
            double mean = 0;
            for (int i = 0; i < dim; i++) {
                boolean coded = i >= envelopeDims && i < envelopeDims + fineLength; // the codes carry these shapes
                lossWeights[i] =
                        coded ? 0 : (float) (std[i] * std[i] * (i < envelopeDims ? training.envelopeWeight() : 1));
                mean += lossWeights[i] / dim;
            }
            meanWeight = mean;
        }

        /** [rows][Z (+ L)] VQ vectors from flat latents and (kind fine) fine rows. */
        float[] joint(float[] z, float[] fineRows, int count, double fineScale) {
            if (fine == null) {
                return z;
            }
            int latent = shape.latent();
            int width = latent + fineLength;
            float[] out = new float[count * width];
            for (int r = 0; r < count; r++) {
                System.arraycopy(z, r * latent, out, r * width, latent);
                for (int i = 0; i < fineLength; i++) {
                    out[r * width + latent + i] = (float) (fineRows[r * fineLength + i] * fineScale);
                }
            }
            return out;
        }

        /** The latent part of [rows][Z + L] quantised vectors. */
        float[] latentPart(float[] vectors, int count) {
            if (fine == null) {
                return vectors;
            }
            int latent = shape.latent();
            float[] out = new float[count * latent];
            for (int r = 0; r < count; r++) {
                System.arraycopy(vectors, r * (latent + fineLength), out, r * latent, latent);
            }
            return out;
        }
    }

    private LearnedCoder run(Run run, TrainProgress.Listener listener, Checkpoints checkpoints) throws IOException {
        NDManager root = run.net.manager();
        NDArray weights = root.create(run.lossWeights);
        NDArray beta = root.create((float) training.vq().commitment());
        LearnedCheckpoint.State state = new LearnedCheckpoint.State(0, null, 0);
        try (Adam adam = new Adam(run.net.parameters(), root)) {
            if (checkpoints.resume() && checkpoints.file() != null && Files.exists(checkpoints.file())) {
                state = LearnedCheckpoint.read(checkpoints.file(), run.net, adam, expected(run));
            }
            for (int step = state.step(); step < training.steps(); step++) {
                SplittableRandom random = new SplittableRandom(mix(training.seed(), step));
                try (NDManager sm = root.newSubManager()) {
                    if (state.quantizer() == null && step >= training.quantizeFrom()) {
                        state = seed(run, sm, random, step);
                        listener.onProgress(new TrainProgress(TrainProgress.Phase.INIT, codebooks, codebooks, 0, 0, 0));
                    }
                    listener.onProgress(step(run, state, sm, random, adam, new NDArray[] {weights, beta}));
                }
                state = new LearnedCheckpoint.State(step + 1, state.quantizer(), state.fineScale());
                boolean last = step + 1 == training.steps();
                if (checkpoints.file() != null
                        && checkpoints.every() > 0
                        && ((step + 1) % checkpoints.every() == 0 || last)) {
                    LearnedCheckpoint.write(checkpoints.file(), run.net, adam, state);
                }
            }
            if (state.quantizer()
                    == null) { // no quantised step at all (a zero-step run): seed so that the codec is complete
                try (NDManager sm = root.newSubManager()) {
                    state = seed(run, sm, new SplittableRandom(mix(training.seed(), -1)), state.step());
                }
            }
        }
        FineCoding coding = fine == null ? null : new FineCoding(fine, state.fineScale());
        return new LearnedCoder(run.net, state.quantizer().codebooks(), coding);
    }

    private LearnedCheckpoint.Expected expected(Run run) {
        return new LearnedCheckpoint.Expected(size, shape.latent() + run.fineLength, plan(), training.steps());
    }

    /** One optimiser step; {@code scalars} are the loss weights and β (long-lived arrays). */
    private TrainProgress step(
            Run run,
            LearnedCheckpoint.State state,
            NDManager sm,
            SplittableRandom random,
            Adam adam,
            NDArray[] scalars) {
        int segments = training.batch().segments();
        int frames = training.batch().frames();
        int dim = run.net.dimension();
        int width = shape.encoderWindow() * dim;
        float[] windows = new float[run.rows * width];
        float[] targets = new float[segments * frames * dim];
        float[] fineRows = new float[run.rows * run.fineLength];
        sample(run, random, windows, targets, fineRows);
        int active = training.vq().dropout() > 0
                        && random.nextDouble() < training.vq().dropout()
                ? 1 + random.nextInt(codebooks)
                : codebooks;
        double reconstruction;
        int resets = 0;
        Engine engine = Engine.getEngine("PyTorch");
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray z = run.net.encode(sm.create(windows, new Shape(run.rows, width)));
            NDArray quantized = null;
            if (state.quantizer() != null) {
                float[] vq = run.joint(z.toFloatArray(), fineRows, run.rows, state.fineScale());
                LatentQuantizer.Step q =
                        state.quantizer().quantize(sm, vq, run.rows, active, training.vq(), true, random);
                quantized = sm.create(run.latentPart(q.quantized(), run.rows), new Shape(run.rows, shape.latent()));
                resets = q.resets();
            }
            LearnedLoss.Parts loss = LearnedLoss.compute(
                    run.net,
                    z,
                    quantized,
                    sm.create(targets, new Shape((long) segments * frames, dim)),
                    scalars[0],
                    scalars[1],
                    segments);
            collector.backward(loss.total());
            reconstruction = loss.reconstruction().getFloat();
        }
        int step = state.step();
        adam.step(sm, learningRate(step), 1.0);
        return new TrainProgress(
                TrainProgress.Phase.TRAIN,
                step + 1,
                training.steps(),
                reconstruction,
                reconstruction / run.meanWeight,
                resets);
    }

    /** Linear decay from the peak to a tenth of it over the run. */
    private double learningRate(int step) {
        double progress = training.steps() <= 1 ? 0 : (double) step / (training.steps() - 1);
        return training.learningRate() * (1 - 0.9 * progress);
    }

    /**
     * k-means++ on the VQ vectors of up to 16·N random frames, stage by stage; for kind fine, the fine part's scale is
     * fixed here (rounded to float, as the codec file stores it).
     */
    private LearnedCheckpoint.State seed(Run run, NDManager sm, SplittableRandom random, int step) {
        long total = run.ends[run.ends.length - 1];
        int count = (int) Math.min(total, 16L * size);
        LearnedNetwork net = run.net;
        int width = shape.encoderWindow() * net.dimension();
        float[] windows = new float[count * width];
        float[] fineRows = new float[count * run.fineLength];
        float[] feature = new float[Math.max(1, run.fineLength)];
        for (int r = 0; r < count; r++) {
            float[][] clip = run.clips.get(clipOf(run.ends, random.nextLong(total)));
            int t = random.nextInt(clip.length);
            net.windows(clip, new int[] {t}, windows, r * width);
            if (fine != null) {
                fine.vectors().extract(clip[t], feature, 0);
                System.arraycopy(feature, 0, fineRows, r * run.fineLength, run.fineLength);
            }
        }
        float[] latents =
                net.encode(sm.create(windows, new Shape(count, width))).toFloatArray();
        double fineScale =
                fine == null ? 0 : (float) (fine.structure().weight() * rms(latents) / Math.max(rms(fineRows), 1e-12));
        double scale = (double) run.rows / count;
        LatentQuantizer quantizer = new LatentQuantizer(
                sm,
                new LatentQuantizer.Seeding(size, shape.latent() + run.fineLength, plan(), scale),
                run.joint(latents, fineRows, count, fineScale),
                count,
                random);
        return new LearnedCheckpoint.State(step, quantizer, fineScale);
    }

    private StagePlan plan() {
        return StagePlan.of(codebooks, shape.latent(), fine);
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return x.length == 0 ? 0 : Math.sqrt(s / x.length);
    }

    /**
     * Fills encoder windows for {@code segments} runs of {@code padded} latent frames, their target frames and (kind
     * fine) the fine vectors of the latent frames.
     */
    private void sample(Run run, SplittableRandom random, float[] windows, float[] targets, float[] fineRows) {
        LearnedNetwork net = run.net;
        int dim = net.dimension();
        int width = shape.encoderWindow() * dim;
        int segments = training.batch().segments();
        int frames = training.batch().frames();
        int padded = run.padded;
        long total = run.ends[run.ends.length - 1];
        int[] latentFrames = new int[padded];
        float[][] targetRows = new float[frames][];
        for (int s = 0; s < segments; s++) {
            float[][] clip = run.clips.get(clipOf(run.ends, random.nextLong(total)));
            int start = random.nextInt(Math.max(1, clip.length - frames + 1));
            for (int u = 0; u < padded; u++) {
                latentFrames[u] = start - shape.decoderPast() + u;
                if (fine != null) {
                    float[] f = clip[Math.max(0, Math.min(clip.length - 1, latentFrames[u]))];
                    fine.vectors().extract(f, fineRows, (s * padded + u) * run.fineLength);
                }
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
