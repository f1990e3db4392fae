package dev.rvqlm.spark.eval;

import dev.rvqlm.eval.results.ResultsJson;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.run.ChildRuns;
import dev.rvqlm.eval.run.EvalRunner;
import dev.rvqlm.spark.ExecutorSetup;
import dev.rvqlm.spark.storage.Storage;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.TokenDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * Runs on an executor: trains one run of the eval with the eval's own plan ({@link EvalRunner#trainOnly}), which
 * stores it in the run cache on shared storage, and sends back its result. Runs train one at a time on the JVM's
 * {@link TrainingThread}; the inputs are read, or copied, once per JVM.
 */
final class RunTask implements Function<RunRequest, RunDone> {

    private static final long serialVersionUID = 1L;
    private static final Map<Path, Codec> CODECS = new ConcurrentHashMap<>();

    private final EvalJob job;
    private final Storage storage;

    RunTask(EvalJob job, Storage storage) {
        this.job = job;
        this.storage = storage;
    }

    @Override
    public RunDone call(RunRequest run) throws IOException {
        ExecutorSetup.ensure();
        long start = System.nanoTime();
        Path scratch = ExecutorSetup.scratch();
        TokenDirectory tokens = TokenDirectory.read(LocalCopies.tokenDirectory(storage, job.tokens(), scratch));
        Optional<Codec> codec = job.codec() == null
                ? Optional.empty()
                : Optional.of(codec(LocalCopies.file(storage, job.codec(), scratch)));
        Path reportDir = Path.of(job.reportDir());
        Path runDir = Path.of(run.runDir());
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        String executor = SparkEnv.get() == null ? "?" : SparkEnv.get().executorId();
        try {
            return train(run, tokens, codec, reportDir, runDir, executor, attempt, start);
        } catch (IOException | RuntimeException e) {
            if (attempt + 1 < attempts()) {
                throw e; // Spark retries it, on this executor or another
            }
            // the last attempt: hand the failure back rather than abort the job, so the other runs finish and stay
            String why = e.toString().lines().findFirst().orElse("").strip();
            try (RunLog log = new RunLog(runDir.resolve(ChildRuns.LOG))) {
                log.line("attempt " + (attempt + 1) + " of " + run.name() + " failed, the last one: " + why);
            }
            return RunDone.failed(run.name(), executor, attempt, (System.nanoTime() - start) / 1e9, why);
        }
    }

    private RunDone train(
            RunRequest run,
            TokenDirectory tokens,
            Optional<Codec> codec,
            Path reportDir,
            Path runDir,
            String executor,
            int attempt,
            long start)
            throws IOException {
        return TrainingThread.run(() -> {
            try (RunLog log = new RunLog(runDir.resolve(ChildRuns.LOG))) {
                log.line("attempt " + (attempt + 1) + " of " + run.name() + " on executor " + executor);
                RunResult result =
                        new EvalRunner(job.evalConfig(), log::line).trainOnly(tokens, codec, reportDir, run.name());
                if (!reportDir.resolve(result.directory()).normalize().equals(runDir.normalize())) {
                    throw new IllegalStateException("the executor planned " + run.name() + " into "
                            + result.directory() + ", the driver into " + runDir + ": do the driver and the "
                            + "executors read the same tokens and the same rvq?");
                }
                log.line("stored the result in " + runDir);
                return new RunDone(
                        run.name(),
                        ResultsJson.toJson(result),
                        executor,
                        attempt,
                        (System.nanoTime() - start) / 1e9,
                        null);
            }
        });
    }

    /**
     * How many attempts Spark gives a task: {@code spark.task.maxFailures} on a cluster (default 4); in local mode
     * the F of {@code local[N,F]}, else 1.
     */
    static int attempts() {
        if (SparkEnv.get() == null) {
            return 1;
        }
        SparkConf conf = SparkEnv.get().conf();
        return attempts(conf.get("spark.master", ""), conf.getInt("spark.task.maxFailures", 4));
    }

    static int attempts(String master, int maxFailures) {
        if (!master.startsWith("local")) {
            return maxFailures;
        }
        Matcher m = Pattern.compile("local\\[[^,\\]]+,\\s*(\\d+)\\]").matcher(master);
        return m.matches() ? Integer.parseInt(m.group(1)) : 1;
    }

    private static Codec codec(Path file) {
        return CODECS.computeIfAbsent(file, f -> {
            try {
                return Codec.load(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the codec " + f + ": " + e.getMessage(), e);
            }
        });
    }
}
