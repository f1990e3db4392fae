package dev.rvqlm.cli.lm;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * One live line on stderr while a long sample generates: frames done of T, frames per second, ETA. Printed at most
 * every two seconds and only when generation outlasts that, so short samples stay quiet.
 */
final class SamplingProgress implements IntConsumer {

    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintStream err;
    private final int promptFrames;
    private final int timesteps;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint;
    private boolean printed;

    SamplingProgress(PrintStream err, int promptFrames, int timesteps) {
        this(err, promptFrames, timesteps, System::nanoTime);
    }

    /** With a clock of nanoseconds, for tests. */
    SamplingProgress(PrintStream err, int promptFrames, int timesteps, LongSupplier clock) {
        this.err = err;
        this.promptFrames = promptFrames;
        this.timesteps = timesteps;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastPrint = start;
    }

    @Override
    public void accept(int framesDone) {
        long now = clock.getAsLong();
        boolean finished = framesDone >= timesteps;
        if (now - lastPrint < EVERY_NANOS && !(finished && printed)) {
            return;
        }
        lastPrint = now;
        printed = true;
        double seconds = (now - start) / 1e9;
        double rate = (framesDone - promptFrames) / Math.max(seconds, 1e-9);
        double eta = rate > 0 ? (timesteps - framesDone) / rate : Double.NaN;
        err.printf(
                Locale.ROOT,
                "\rsampling: frame %d/%d  %.1f frames/s  ETA %s   %s",
                framesDone,
                timesteps,
                rate,
                Double.isNaN(eta) ? "?" : String.format(Locale.ROOT, "%.0fs", eta),
                finished ? "\n" : "");
        err.flush();
    }
}
