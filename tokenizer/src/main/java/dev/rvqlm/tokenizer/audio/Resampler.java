package dev.rvqlm.tokenizer.audio;

/**
 * Band-limited resampling by a Kaiser-windowed sinc, evaluated at exact rational positions (polyphase table).
 *
 * <p>Output sample {@code i} sits at input time {@code i * from / to}; it is the sum of the input samples within
 * {@link #ZERO_CROSSINGS} zero crossings of a low-pass sinc whose cutoff is {@link #ROLLOFF} times the lower of the
 * two Nyquist frequencies. With a Kaiser window (beta {@link #KAISER_BETA}) and 32 zero crossings the stop band
 * is below about -80 dB from about 1.03 times the new Nyquist frequency (tested: tones above it leave less than
 * -60 dB), and tones up to 0.9 times it pass unchanged.
 */
public final class Resampler {

    /** Half-length of the kernel, counted in zero crossings of the low-pass sinc. */
    public static final int ZERO_CROSSINGS = 32;
    /** Cutoff as a fraction of the lower Nyquist frequency (0.945: the transition band ends below the new Nyquist frequency). */
    public static final double ROLLOFF = 0.945;
    /** Kaiser window shape: about -80 dB side lobes. */
    public static final double KAISER_BETA = 8.6;

    private static final int MAX_TABLE_PHASES = 1 << 14;

    private final int up;
    private final int down;
    private final int halfTaps;
    private final double cutoff; // cycles per input sample
    private final float[][] table; // [phase][2 * halfTaps], null when the ratio has too many phases

    private Resampler(int from, int to) {
        int g = gcd(from, to);
        this.up = to / g;
        this.down = from / g;
        this.cutoff = ROLLOFF * 0.5 * Math.min(1.0, (double) to / from);
        this.halfTaps = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
        if (up <= MAX_TABLE_PHASES) {
            table = new float[up][];
            for (int p = 0; p < up; p++) {
                table[p] = taps((double) p / up);
            }
        } else {
            table = null;
        }
    }

    /** Resamples {@code input} from {@code from} Hz to {@code to} Hz; returns the input itself when the rates agree. */
    public static float[] resample(float[] input, int from, int to) {
        if (from <= 0 || to <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + from + " -> " + to);
        }
        if (from == to) {
            return input;
        }
        return new Resampler(from, to).apply(input);
    }

    private float[] apply(float[] x) {
        long outLength = ((long) x.length * up + down - 1) / down;
        float[] y = new float[Math.toIntExact(outLength)];
        for (int i = 0; i < y.length; i++) {
            long pos = (long) i * down;
            int base = (int) (pos / up);
            int phase = (int) (pos % up);
            float[] h = table != null ? table[phase] : taps((double) phase / up);
            int first = base - halfTaps + 1;
            double acc = 0;
            int jStart = Math.max(0, -first);
            int jEnd = Math.min(h.length, x.length - first);
            for (int j = jStart; j < jEnd; j++) {
                acc += h[j] * x[first + j];
            }
            y[i] = (float) acc;
        }
        return y;
    }

    /** Kernel values for input offsets {@code first..first+2*halfTaps-1} around fractional position {@code frac}. */
    private float[] taps(double frac) {
        float[] h = new float[2 * halfTaps];
        double norm = besselI0(KAISER_BETA);
        for (int j = 0; j < h.length; j++) {
            double t = (j - halfTaps + 1) - frac; // input offset minus output position, in input samples
            double u = t / halfTaps;
            if (Math.abs(u) >= 1) {
                continue;
            }
            double window = besselI0(KAISER_BETA * Math.sqrt(1 - u * u)) / norm;
            double arg = 2 * cutoff * t;
            double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
            h[j] = (float) (2 * cutoff * sinc * window);
        }
        return h;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
