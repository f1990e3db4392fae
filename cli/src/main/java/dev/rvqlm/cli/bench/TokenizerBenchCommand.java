package dev.rvqlm.cli.bench;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.rvq.RvqTraining;
import dev.rvqlm.tokenizer.rvq.TrainProgress;
import dev.rvqlm.tokenizer.shaping.Shaping;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.cli.Options;

/**
 * {@code rvq bench tokenizer}: codec training time on a given amount of audio, and encode/decode speed in
 * multiples of real time with a given number of intra-op threads (set before the engine starts).
 */
public final class TokenizerBenchCommand implements Command {

    @Override
    public String name() {
        return "tokenizer";
    }

    @Override
    public String summary() {
        return "codec training time and encode/decode speed (x real time)";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued("threads", "N", "PyTorch intra-op threads (default 1)"))
                .addOption(Arguments.valued("train-seconds", "S", "seconds of audio to train on (default 1800; 0: train "
                        + "on 60 s only to get codebooks, and do not report training)"))
                .addOption(Arguments.valued("iterations", "I", "EMA iterations (default " + RvqTraining.defaults(0)
                        .iterations() + ")"))
                .addOption(Arguments.valued("seconds", "S", "seconds of audio to encode and decode (default 120)"))
                .addOption(Arguments.valued("codebooks", "K", "default 8"))
                .addOption(Arguments.valued("codebook-size", "N", "default 1024"))
                .addOption(Arguments.valued("codec", "FILE", "time this codec instead of training one"))
                .addOption(Arguments.valued("audio", "DIR", "real audio to use (cycled as needed; default: synthetic "
                        + "chirps, harmonic tones and noise)"))
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out().print(Arguments.help("rvq bench tokenizer [--threads N] [--train-seconds S]", options,
                    "taskset -c 0 rvq bench tokenizer --threads 1 --train-seconds 0",
                    "rvq bench tokenizer --threads 2 --train-seconds 1800"));
            return 0;
        }
        int threads = a.integer("threads", 1);
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        int trainSeconds = a.integer("train-seconds", 1800);
        int seconds = a.integer("seconds", 120);
        CodecConfig config = new CodecConfig(24000, 320, a.integer("codebooks", 8), a.integer("codebook-size", 1024),
                Shaping.defaults());
        List<float[]> source = a.has("audio")
                ? AudioIO.listAudio(List.of(Path.of(a.string("audio")))).stream().map(p -> read(p, config)).toList()
                : List.of();
        terminal.out().printf("threads %d (PyTorch intra-op), %d cores visible to the JVM%n", threads,
                Runtime.getRuntime().availableProcessors());
        Codec codec;
        if (a.has("codec")) {
            codec = Codec.load(Path.of(a.string("codec")));
        } else {
            List<float[]> train = clips(source, Math.max(trainSeconds, 60), 10, config.sampleRate(), 1);
            RvqTraining tc = RvqTraining.defaults(1).withIterations(a.integer("iterations",
                    RvqTraining.defaults(0).iterations()));
            long t0 = System.nanoTime();
            int[] last = new int[1];
            codec = new CodecTrainer(config, tc).train(train, p -> progress(p, terminal, last));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            terminal.err().println();
            if (trainSeconds > 0) {
                terminal.out().printf("train   %.1f min of audio, K=%d N=%d, %d iterations x %d frames: %.1f s "
                        + "(%.2f min)%n", trainSeconds / 60.0, config.codebooks(), config.codebookSize(), tc.iterations(),
                        tc.batchSize(), elapsed, elapsed / 60);
            }
        }
        try (codec) {
            List<float[]> test = clips(source, seconds, 10, codec.sampleRate(), 2);
            double audio = test.stream().mapToLong(c -> c.length).sum() / (double) codec.sampleRate();
            List<int[][]> codes = new ArrayList<>();
            for (float[] clip : test.subList(0, Math.min(2, test.size()))) { // warm-up
                codec.decode(codec.encode(clip));
            }
            // Wall-clock speed, and speed per CPU-second of this thread (with one intra-op thread PyTorch computes
            // on the calling thread, so the second figure does not depend on how busy the machine is).
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            double[] enc = new double[3];
            double[] dec = new double[3];
            double[] encCpu = new double[3];
            double[] decCpu = new double[3];
            for (int round = 0; round < 3; round++) {
                codes.clear();
                long t0 = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                for (float[] clip : test) {
                    codes.add(codec.encode(clip));
                }
                enc[round] = audio / ((System.nanoTime() - t0) / 1e9);
                encCpu[round] = audio / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
                t0 = System.nanoTime();
                c0 = cpu.getCurrentThreadCpuTime();
                for (int[][] c : codes) {
                    codec.decode(c);
                }
                dec[round] = audio / ((System.nanoTime() - t0) / 1e9);
                decCpu[round] = audio / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
            }
            for (double[] speeds : new double[][] {enc, dec, encCpu, decCpu}) {
                Arrays.sort(speeds);
            }
            terminal.out().printf("encode  %.0fx real time wall clock, %.0fx per CPU-second (median of 3 rounds over %.0f s "
                    + "of audio in 10 s clips, K=%d N=%d, %.1f kbit/s)%n", enc[1], encCpu[1], audio, codec.codebooks(),
                    codec.codebookSize(), codec.bitrate(codec.codebooks()) / 1000);
            terminal.out().printf("decode  %.0fx real time wall clock, %.0fx per CPU-second%n", dec[1], decCpu[1]);
        }
        return 0;
    }

    private static void progress(TrainProgress p, Terminal terminal, int[] last) {
        if (p.step() == p.steps() || p.step() % 25 == 0) {
            terminal.err().printf("\r%s %d/%d distortion %.4f dead %d   ", p.phase(), p.step(), p.steps(), p.distortion(),
                    p.deadCodes());
        }
    }

    private static float[] read(Path p, CodecConfig config) {
        try {
            return AudioIO.readMono(p, config.sampleRate());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code total} seconds as clips of {@code clip} seconds: cut from {@code source} (cycled) or synthetic. */
    static List<float[]> clips(List<float[]> source, int total, int clip, int rate, long seed) {
        List<float[]> out = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        float[] joined = source.isEmpty() ? null : concat(source);
        long offset = 0;
        for (int s = 0; s < total; s += clip) {
            int n = Math.min(clip, total - s) * rate;
            float[] c = new float[n];
            if (joined != null && joined.length > 0) {
                for (int i = 0; i < n; i++) {
                    c[i] = joined[(int) ((offset + i) % joined.length)];
                }
                offset += n;
            } else {
                synthesize(c, rate, random);
            }
            out.add(c);
        }
        return out;
    }

    private static float[] concat(List<float[]> parts) {
        float[] out = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int pos = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** Harmonic tones with vibrato, a chirp and noise bursts: enough variety to populate codebooks. */
    static void synthesize(float[] out, int rate, SplittableRandom random) {
        double f0 = 80 + random.nextDouble() * 400;
        double vibrato = 2 + random.nextDouble() * 5;
        double chirpFrom = 100 + random.nextDouble() * 2000;
        double chirpTo = 200 + random.nextDouble() * 10000;
        double phase = 0;
        double chirpPhase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / rate;
            double f = f0 * (1 + 0.02 * Math.sin(2 * Math.PI * vibrato * t));
            phase += 2 * Math.PI * f / rate;
            double tone = 0;
            for (int h = 1; h <= 8 && h * f < rate / 2.0; h++) {
                tone += Math.sin(h * phase) / h;
            }
            double cf = chirpFrom + (chirpTo - chirpFrom) * (t % 2) / 2;
            chirpPhase += 2 * Math.PI * cf / rate;
            double burst = (int) (t * 4) % 3 == 0 ? random.nextGaussian() * 0.05 : 0;
            out[i] = (float) (0.2 * tone * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.5 * t)) + 0.05 * Math.sin(chirpPhase)
                    + burst);
        }
    }
}
