package dev.rvqlm.tokenizer.bench;

import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecConfig;
import dev.rvqlm.tokenizer.CodecTrainer;
import dev.rvqlm.tokenizer.CodecTraining;
import dev.rvqlm.tokenizer.rvq.TrainProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The tokenizer benchmark behind {@code rvq bench tokenizer}: codec training time on a given amount of audio, and
 * encode/decode speed in multiples of real time (wall clock, and per CPU-second of the calling thread: with one
 * intra-op thread PyTorch computes on the caller, so that figure does not depend on how busy the machine is).
 *
 * <pre>{@code
 * TokenizerBench.Result r = TokenizerBench.run(new TokenizerBench.Settings(config, training, 1800, 120, null, null),
 *         System.err::println);
 * }</pre>
 */
public final class TokenizerBench {

    /**
     * @param config       the codec's shape (when training one)
     * @param training     which kind to train and how (when training one)
     * @param trainSeconds seconds of audio to train on (0: train on 60 s only to get a codec, and report no training)
     * @param seconds      seconds of audio to encode and decode, in 10 s clips
     * @param codec        a codec file to time instead of training one, or null
     * @param audio        a directory of real audio (cycled as needed), or null for synthetic tones, chirps and noise
     */
    public record Settings(
            CodecConfig config, CodecTraining training, int trainSeconds, int seconds, Path codec, Path audio) {
        public Settings {
            if (trainSeconds < 0 || seconds < 1) {
                throw new IllegalArgumentException(
                        "train seconds must be >= 0 and seconds >= 1, got " + trainSeconds + " and " + seconds);
            }
        }
    }

    /**
     * @param kind            the timed codec's kind
     * @param trainedSeconds  seconds of audio trained on (0: not reported)
     * @param trainingSeconds wall-clock seconds of training (NaN when a codec file was given)
     * @param audioSeconds    seconds of audio encoded and decoded per round
     * @param encode          median × real time, wall clock
     * @param encodeCpu       median × real time per CPU-second of the calling thread
     * @param decode          as encode, for decoding
     * @param decodeCpu       as encodeCpu, for decoding
     */
    public record Result(
            String kind,
            int codebooks,
            int codebookSize,
            double kbps,
            double trainedSeconds,
            double trainingSeconds,
            double audioSeconds,
            double encode,
            double encodeCpu,
            double decode,
            double decodeCpu) {

        /** The lines {@code rvq bench tokenizer} prints. */
        public String text() {
            StringBuilder s = new StringBuilder();
            if (trainedSeconds > 0) {
                s.append(String.format(
                        Locale.ROOT,
                        "train   %.1f min of audio, %s codec K=%d N=%d: %.1f s (%.2f min)%n",
                        trainedSeconds / 60,
                        kind,
                        codebooks,
                        codebookSize,
                        trainingSeconds,
                        trainingSeconds / 60));
            }
            s.append(String.format(
                    Locale.ROOT,
                    "encode  %.0fx real time wall clock, %.0fx per CPU-second (median of 3 "
                            + "rounds over %.0f s of audio in 10 s clips, %s K=%d N=%d, %.1f kbit/s)%n",
                    encode,
                    encodeCpu,
                    audioSeconds,
                    kind,
                    codebooks,
                    codebookSize,
                    kbps));
            s.append(String.format(
                    Locale.ROOT, "decode  %.0fx real time wall clock, %.0fx per CPU-second%n", decode, decodeCpu));
            return s.toString();
        }
    }

    private TokenizerBench() {}

    public static Result run(Settings settings, Consumer<String> log) throws IOException {
        List<float[]> source = settings.audio() == null
                ? List.of()
                : AudioIO.listAudio(List.of(settings.audio())).stream()
                        .map(p -> read(p, settings.config().sampleRate()))
                        .toList();
        Codec codec;
        double trainingSeconds = Double.NaN;
        if (settings.codec() != null) {
            codec = Codec.load(settings.codec());
        } else {
            List<float[]> train = clips(
                    source,
                    Math.max(settings.trainSeconds(), 60),
                    10,
                    settings.config().sampleRate(),
                    1);
            long t0 = System.nanoTime();
            codec = new CodecTrainer(settings.config(), settings.training()).train(train, p -> progress(p, log));
            trainingSeconds = (System.nanoTime() - t0) / 1e9;
        }
        try (codec) {
            List<float[]> test = clips(source, settings.seconds(), 10, codec.sampleRate(), 2);
            double audio = test.stream().mapToLong(c -> c.length).sum() / (double) codec.sampleRate();
            for (float[] clip : test.subList(0, Math.min(2, test.size()))) { // warm-up
                codec.decode(codec.encode(clip));
            }
            double[][] speeds = speeds(codec, test, audio);
            return new Result(
                    codec.kind(),
                    codec.codebooks(),
                    codec.codebookSize(),
                    codec.bitrate(codec.codebooks()) / 1000,
                    settings.codec() == null ? settings.trainSeconds() : 0,
                    trainingSeconds,
                    audio,
                    speeds[0][1],
                    speeds[1][1],
                    speeds[2][1],
                    speeds[3][1]);
        }
    }

    /** Encode and decode speed against real time, wall clock and per CPU-second, each sorted over three rounds. */
    private static double[][] speeds(Codec codec, List<float[]> test, double audio) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[][] speeds = new double[4][3]; // encode, encode per CPU-s, decode, decode per CPU-s
        List<int[][]> codes = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            codes.clear();
            long t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            for (float[] clip : test) {
                codes.add(codec.encode(clip));
            }
            speeds[0][round] = audio / ((System.nanoTime() - t0) / 1e9);
            speeds[1][round] = audio / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
            t0 = System.nanoTime();
            c0 = cpu.getCurrentThreadCpuTime();
            for (int[][] c : codes) {
                codec.decode(c);
            }
            speeds[2][round] = audio / ((System.nanoTime() - t0) / 1e9);
            speeds[3][round] = audio / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        for (double[] s : speeds) {
            Arrays.sort(s);
        }
        return speeds;
    }

    private static void progress(TrainProgress p, Consumer<String> log) {
        if (p.step() == p.steps() || p.step() % 100 == 0) {
            log.accept(String.format(
                    Locale.ROOT,
                    "%s %d/%d distortion %.4f reset %d",
                    p.phase().label(),
                    p.step(),
                    p.steps(),
                    p.distortion(),
                    p.deadCodes()));
        }
    }

    private static float[] read(Path p, int rate) {
        try {
            return AudioIO.readMono(p, rate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
                BenchSignals.synthesize(c, rate, random);
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
}
