package dev.rvqlm.spark.eval;

import dev.rvqlm.eval.results.ResultsJson;
import dev.rvqlm.eval.run.EvalConfig;
import java.io.Serializable;

/**
 * What every run task of an eval needs besides its run's name, small and serializable: the experiment as JSON (it
 * round-trips through eval's mapper) and where the inputs and the report are.
 *
 * @param config    the {@link EvalConfig} as JSON
 * @param tokens    the token directory (qualified URI)
 * @param codec     the codec file (qualified URI), or null
 * @param reportDir the report directory, a local path every executor mounts at the same place
 */
record EvalJob(String config, String tokens, String codec, String reportDir) implements Serializable {

    static EvalJob of(EvalConfig config, String tokens, String codec, String reportDir) {
        return new EvalJob(ResultsJson.toJson(config), tokens, codec, reportDir);
    }

    EvalConfig evalConfig() {
        return ResultsJson.fromJson(config, EvalConfig.class);
    }
}
