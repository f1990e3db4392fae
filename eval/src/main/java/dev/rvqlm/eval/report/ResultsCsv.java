package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.SampleMetrics;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code results.csv}: one row per run (model, size and seed), the scalar metrics plus one column per codebook's NLL
 * ({@code nll_bits_per_code_k0}, ...). Numbers use a dot as decimal separator whatever the locale.
 */
public final class ResultsCsv {

    private ResultsCsv() {}

    public static String of(List<RunResult> results) {
        int k = results.stream()
                .mapToInt(r -> r.test().bitsPerCodeByCodebook().size())
                .max()
                .orElse(0);
        StringBuilder csv =
                new StringBuilder("pattern,size,seed,best_step,sequence_steps_per_second,train_steps,train_flops,"
                        + "train_seconds,train_codes_per_second,nll_bits_per_code,nll_bits_per_second,held_out_codes,"
                        + "sample_rtf_b1,sample_rtf_large_batch,large_batch,peak_rss_mib,parameters,usage_entropy_bits,repeated_frame_rate,"
                        + "log_mel_frechet,mel_distance");
        for (int c = 0; c < k; c++) {
            csv.append(",nll_bits_per_code_k").append(c);
        }
        csv.append('\n');
        for (RunResult r : results) {
            SampleMetrics samples = r.sampling().metrics();
            double entropy = samples.usageEntropyBits().stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(Double.NaN);
            csv.append(quote(r.run().model().toString()))
                    .append(',')
                    .append(r.run().size().label())
                    .append(',')
                    .append(r.run().seed())
                    .append(',')
                    .append(r.training().selection().bestStep())
                    .append(',')
                    .append(List.of(
                                    num(r.sampling().sequenceStepsPerSecond()),
                                    Long.toString(r.training().steps()),
                                    num(r.training().flops()),
                                    num(r.training().seconds()),
                                    num(r.training().codesPerSecond()),
                                    num(r.test().bitsPerCode()),
                                    num(r.test().bitsPerSecond()),
                                    Long.toString(r.test().codes()),
                                    num(r.sampling().rtfBatch1()),
                                    num(r.sampling().rtfLargeBatch()),
                                    Integer.toString(r.sampling().largeBatch()),
                                    num(r.peakRssMib()),
                                    Long.toString(r.parameters()),
                                    num(entropy),
                                    num(samples.repeatedFrameRate()),
                                    nullable(samples.logMelFrechet()),
                                    nullable(samples.melDistance()))
                            .stream()
                            .collect(Collectors.joining(",")));
            for (double bits : r.test().bitsPerCodeByCodebook()) {
                csv.append(',').append(num(bits));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    private static String nullable(Double value) {
        return value == null ? "" : num(value);
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
