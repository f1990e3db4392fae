package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.PatternResult;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code results.csv}: one row per run (pattern and seed), the scalar metrics plus one column per codebook's NLL
 * ({@code nll_bits_per_code_k0}, ...). Numbers use a dot as decimal separator whatever the locale.
 */
public final class ResultsCsv {

    private ResultsCsv() {}

    public static String of(List<PatternResult> results) {
        int k = results.stream()
                .mapToInt(r -> r.nllBitsPerCodeByCodebook().size())
                .max()
                .orElse(0);
        StringBuilder csv =
                new StringBuilder("pattern,seed,best_step,sequence_steps_per_second,train_steps,train_flops,"
                        + "train_seconds,train_codes_per_second,nll_bits_per_code,nll_bits_per_second,held_out_codes,"
                        + "sample_rtf_b1,sample_rtf_b8,peak_rss_mib,parameters,usage_entropy_bits,repeated_frame_rate,"
                        + "log_mel_frechet,mel_distance");
        for (int c = 0; c < k; c++) {
            csv.append(",nll_bits_per_code_k").append(c);
        }
        csv.append('\n');
        for (PatternResult r : results) {
            double entropy = r.samples().usageEntropyBits().stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(Double.NaN);
            csv.append(quote(r.pattern()))
                    .append(',')
                    .append(r.seed())
                    .append(',')
                    .append(r.selection().bestStep())
                    .append(',')
                    .append(List.of(
                                    num(r.sequenceStepsPerSecond()),
                                    Long.toString(r.trainSteps()),
                                    num(r.trainFlops()),
                                    num(r.trainSeconds()),
                                    num(r.trainCodesPerSecond()),
                                    num(r.nllBitsPerCode()),
                                    num(r.nllBitsPerSecond()),
                                    Long.toString(r.heldOutCodes()),
                                    num(r.sampleRtfB1()),
                                    num(r.sampleRtfB8()),
                                    num(r.peakRssMib()),
                                    Long.toString(r.parameters()),
                                    num(entropy),
                                    num(r.samples().repeatedFrameRate()),
                                    nullable(r.samples().logMelFrechet()),
                                    nullable(r.samples().melDistance()))
                            .stream()
                            .collect(Collectors.joining(",")));
            for (double bits : r.nllBitsPerCodeByCodebook()) {
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
