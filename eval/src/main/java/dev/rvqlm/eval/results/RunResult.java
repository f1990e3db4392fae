package dev.rvqlm.eval.results;

/**
 * Everything measured for one run, as stored in its run directory ({@code result.json}) and listed in
 * {@code results.json} (names in snake_case).
 *
 * @param run        which run
 * @param directory  its run directory, relative to the report directory (e.g. {@code runs/delay-0123abcd})
 * @param parameters the LM's parameter count
 * @param training   cost and model selection
 * @param test       held-out NLL at the best step
 * @param sampling   sampling cost and sample metrics
 * @param peakRssMib peak resident memory of the process while the run trained and sampled, MiB
 */
public record RunResult(
        RunSpec run,
        String directory,
        long parameters,
        TrainingOutcome training,
        HeldOutScore test,
        SamplingOutcome sampling,
        double peakRssMib) {}
