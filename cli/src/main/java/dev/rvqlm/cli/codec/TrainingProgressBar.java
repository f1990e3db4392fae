package dev.rvqlm.cli.codec;

import dev.rvqlm.tokenizer.rvq.TrainProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows codebook learning on stderr: a bar per phase with distortion, codes reset this step, rate and ETA. */
final class TrainingProgressBar implements TrainProgress.Listener, AutoCloseable {

    private final PrintStream err;
    private final String stepName;
    private ProgressBar bar;
    private TrainProgress.Phase phase;

    /** @param stepName what one training step is called, e.g. "EMA iteration" or "training step" */
    TrainingProgressBar(PrintStream err, String stepName) {
        this.err = err;
        this.stepName = stepName;
    }

    @Override
    public void onProgress(TrainProgress p) {
        if (p.phase() != phase) {
            close();
            phase = p.phase();
            bar = new ProgressBarBuilder()
                    .setTaskName(phase == TrainProgress.Phase.INIT ? "k-means++ stage" : stepName)
                    .setInitialMax(p.steps())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(err, 110))
                    .setUpdateIntervalMillis(500)
                    .showSpeed()
                    // a phase can begin mid-run (learned: after warm-up; or on --resume): rate and ETA count
                    // only the steps this bar has seen
                    .startsFrom(Math.max(0, p.step() - 1), java.time.Duration.ZERO)
                    .build();
        }
        bar.stepTo(p.step());
        bar.setExtraMessage(String.format(
                " distortion %.4f (%.1f dB) reset %d",
                p.distortion(),
                p.relativeDistortion() > 0 ? 10 * Math.log10(p.relativeDistortion()) : 0,
                p.deadCodes()));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
