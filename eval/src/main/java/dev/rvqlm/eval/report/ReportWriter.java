package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.Calibration;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ModelSummary;
import dev.rvqlm.eval.results.ResultsJson;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.synth.SourceEntropy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a report directory: {@code results.json}, {@code results.csv}, the PNG figures, {@code report.md} (figures by
 * file name) and a self-contained {@code report.html} (figures inlined as base64). Every file is written atomically.
 */
public final class ReportWriter {

    public static final String RESULTS_JSON = "results.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String REPORT_MD = "report.md";
    public static final String REPORT_HTML = "report.html";

    static final String DEFINITIONS = """
            - **bits/code**: test negative log-likelihood per code, log2, of the model at its best validation step; \
            every test code is scored exactly once, on the same windows for every pattern (uniform guessing scores \
            log2 N).
            - **bits/s**: bits/code × K × frame rate, the NLL per second of audio.
            - **95% CI**: percentile bootstrap (2000 replicates) over the seeds and, within each drawn seed, its test \
            files; a pairwise difference draws the same seeds and files for both patterns (paired).
            - **not distinguishable at this budget**: the 95% interval of the difference includes 0.
            - **best step**: the validation step (validation files are separate from the test files) with the lowest \
            NLL; its checkpoint is the one scored and sampled. A run stops early after the patience of validations \
            in a row more than 1% above its best; one whose best step is its last at the step cap ended still improving.
            - **steps per audio s**: sequence steps the LM runs per second of audio (long-run rate of the pattern); \
            for a depth model, its frame steps plus its K depth steps per frame (each one sequential step of sampling).
            - **train FLOPs**: from LmConfig's FLOPs per training sequence × batch × steps run (a depth model's count \
            both transformers).
            - **quality against compute**: the best validation bits/s reached within a given training FLOPs (or \
            wall-clock), mean of seeds; validation, not test, and without intervals.
            - **sample RTF**: sampling wall time divided by the seconds of audio generated (all samples of the \
            batch counted); below 1 is faster than real time.
            - **usage entropy**: entropy in bits of each codebook's code histogram, averaged over codebooks.
            - **repeated frames**: fraction of frame transitions whose K codes all repeat.
            - **log-mel Fréchet d²**: squared Fréchet distance between Gaussians fitted to log-mel frames of the \
            decoded samples and of the decoded real continuations (FAD's formula on log-mel features, not on VGGish \
            embeddings, so not FAD).
            - **mel distance**: mean absolute difference of log-mel frames between each decoded sample and its \
            decoded real continuation.
            - **MusicGen's finding**: flatten best, parallel worst (by bits/s), and delay and partial-flatten close \
            to flatten, where close means within max(half of parallel's gap to flatten, 1% of flatten's bits/s); \
            each claim holds or is contradicted only when the whole 95% interval says so, and is undecided otherwise.
            """;

    private ReportWriter() {}

    /** Writes every report file into {@code directory}. */
    public static void write(EvalResults results, Path directory) {
        ResultsJson.write(results, directory.resolve(RESULTS_JSON));
        AtomicFiles.writeString(directory.resolve(RESULTS_CSV), ResultsCsv.of(results.runs()));
        Map<String, byte[]> figures = Plots.all(results);
        figures.forEach((name, png) -> AtomicFiles.write(directory.resolve(name), png));
        AtomicFiles.writeString(directory.resolve(REPORT_MD), markdown(results, figures));
        AtomicFiles.writeString(directory.resolve(REPORT_HTML), html(results, figures, directory));
    }

    /** The answer with its uncertainty: {@link #answer}'s paragraphs, one after another. */
    public static String verdict(EvalResults results) {
        Answer a = answer(results);
        List<String> parts = new ArrayList<>();
        a.frontier().ifPresent(parts::add);
        if (a.bySize().size() == 1 && a.frontier().isEmpty()) {
            parts.add(a.bySize().get(0));
        } else {
            parts.add("Held-out test scores at each size's best validation step:");
            a.bySize().forEach(v -> parts.add("- " + v));
        }
        a.caution().ifPresent(parts::add);
        return String.join("\n\n", parts);
    }

    /**
     * The answer in parts: with several sizes the frontier paragraph; each size's verdict on the test files; and a
     * caution when runs ended still improving.
     */
    record Answer(Optional<String> frontier, List<String> bySize, Optional<String> caution) {}

    static Answer answer(EvalResults results) {
        int files = results.runs().isEmpty()
                ? 0
                : results.runs().get(0).test().byFile().fileCount();
        List<ModelShape> sizes =
                results.summaries().stream().map(ModelSummary::size).distinct().toList();
        List<String> verdicts = new ArrayList<>();
        for (ModelShape size : sizes) {
            String verdict = Verdict.of(
                    results.summaries().stream()
                            .filter(s -> s.size().equals(size))
                            .toList(),
                    results.comparisons().stream()
                            .filter(c -> c.size().equals(size))
                            .toList(),
                    files);
            verdicts.add(sizes.size() == 1 ? verdict : "At size " + size.label() + ": " + verdict);
        }
        Optional<String> frontier = sizes.size() > 1 ? FrontierText.paragraph(results) : Optional.empty();
        long improving = results.runs().stream()
                .filter(r -> r.training().selection().stillImproving())
                .count();
        Optional<String> caution = improving == 0
                ? Optional.empty()
                : Optional.of(String.format(
                        Locale.ROOT,
                        "Caution: %d of %d runs ended still improving at the step cap, so this ranks models at this "
                                + "budget, not at convergence.",
                        improving,
                        results.runs().size()));
        return new Answer(frontier, verdicts, caution);
    }

    /** Further paragraphs: calibration against a known source, who leads at each compute level, warnings. */
    static List<String> findings(EvalResults results) {
        List<String> paragraphs = new ArrayList<>();
        Calibration calibration = results.calibration();
        if (calibration != null) {
            SourceEntropy source = calibration.source();
            StringBuilder text = new StringBuilder(String.format(
                    Locale.ROOT,
                    "Calibration: these tokens come from a known source (rvq tokens synth). An exact factorisation "
                            + "(flatten, delay, a depth model) can reach %.3f bits/code; a model that predicts a "
                            + "frame's codes independently (parallel) can reach %.3f at best. ",
                    source.exactBitsPerCode(),
                    source.parallelBitsPerCode()));
            List<String> gaps = new ArrayList<>();
            for (ModelSummary s : results.summaries()) {
                double reach = calibration.reachableBitsPerCode(s.label());
                gaps.add(
                        Double.isNaN(reach)
                                ? RunLabels.of(results, s) + " "
                                        + s.bitsPerCode().format(3) + " (no figure derived)"
                                : String.format(
                                        Locale.ROOT,
                                        "%s %s (%.3f reachable, %+.1f%%)",
                                        RunLabels.of(results, s),
                                        s.bitsPerCode().format(3),
                                        reach,
                                        100 * (s.bitsPerCode().mean() / reach - 1)));
            }
            text.append("Each model against what its layout can reach (T-frame windows start without context, "
                            + "which adds a little): ")
                    .append(String.join(", ", gaps))
                    .append('.');
            paragraphs.add(text.toString());
        }
        boolean oneSize =
                results.runs().stream().map(r -> r.run().size()).distinct().count() == 1;
        if (oneSize) {
            FrontierText.paragraph(results).ifPresent(paragraphs::add);
        }
        List<String> flags = new ArrayList<>(Warnings.grouped(results));
        flags.addAll(BelowUnigram.warnings(results));
        if (!flags.isEmpty()) {
            paragraphs.add("Warnings: " + String.join("; ", flags) + ".");
        }
        return paragraphs;
    }

    /** Each model's label → the run directory (relative to the report) of its first seed. */
    static Map<String, String> firstSeedRuns(EvalResults results) {
        Map<String, String> runs = new LinkedHashMap<>();
        for (ModelSummary s : results.summaries()) {
            List<RunResult> pooled = RunLabels.runsOf(results, s);
            if (!pooled.isEmpty()) {
                runs.put(RunLabels.of(results, s), pooled.get(0).directory());
            }
        }
        return runs;
    }

    static List<Table> tables(EvalResults results) {
        List<Table> tables = new ArrayList<>();
        FrontierTables.frontier(results).ifPresent(tables::add);
        tables.add(ReportTables.quality(results));
        FrontierTables.unigram(results).ifPresent(tables::add);
        tables.addAll(List.of(
                ReportTables.comparisons(results.comparisons()),
                ReportTables.runs(results.runs()),
                ReportTables.compute(results),
                ReportTables.samples(results),
                ReportTables.settings(results.settings())));
        return tables;
    }

    static String markdown(EvalResults results, Map<String, byte[]> figures) {
        StringBuilder md = new StringBuilder("# rvqlm eval: which pattern wins?\n\n");
        md.append(verdict(results)).append("\n\n");
        for (String paragraph : findings(results)) {
            md.append(paragraph).append("\n\n");
        }
        for (Table table : tables(results)) {
            md.append("## ")
                    .append(table.title())
                    .append("\n\n")
                    .append(table.markdown())
                    .append('\n');
        }
        md.append("## Figures\n\n");
        for (String name : figures.keySet()) {
            md.append("![").append(name).append("](").append(name).append(")\n\n");
        }
        md.append("## Definitions\n\n").append(DEFINITIONS);
        return md.toString();
    }

    static String html(EvalResults results, Map<String, byte[]> figures, Path directory) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>rvqlm eval</title>
                <style>
                body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}
                table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.25em .6em;
                text-align:right}td:first-child,th:first-child{text-align:left}th{background:#eee}
                img{max-width:100%;margin:.5em 0}
                .audio{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}img.spec{display:block;max-width:24em}
                </style></head><body>
                <h1>rvqlm eval: which pattern wins?</h1>
                """);
        html.append(answerHtml(answer(results), figures));
        for (String paragraph : findings(results)) {
            html.append("<p>").append(Html.escape(paragraph)).append("</p>\n");
        }
        for (Table table : tables(results)) {
            html.append("<h2>")
                    .append(Html.escape(table.title()))
                    .append("</h2>\n")
                    .append(table.html());
        }
        String listening = Listening.html(directory, firstSeedRuns(results));
        if (!listening.isEmpty()) {
            html.append("<h2>Listen: decoded held-out prompts, real and sampled continuations</h2>\n")
                    .append("<p>Each file is the prompt followed by the real continuation or by the pattern's sample "
                            + "(first seed), decoded by the codec that made the tokens.</p>\n")
                    .append(listening);
        }
        html.append("<h2>Figures</h2>\n");
        figures.forEach((name, png) -> html.append("<img alt=\"")
                .append(Html.escape(name))
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png))
                .append("\">\n"));
        html.append("<h2>Definitions</h2>\n<ul>\n");
        for (String line : DEFINITIONS.strip().split("\n")) {
            String item = line.substring(2).replaceAll("\\*\\*(.+?)\\*\\*", "\u0000$1\u0001");
            item = Html.escape(item).replace("\u0000", "<b>").replace("\u0001", "</b>");
            html.append("<li>").append(item).append("</li>\n");
        }
        return html.append("</ul>\n</body></html>\n").toString();
    }

    /** The answer, then the frontier plot it comes from, then each size's test verdict, then the caution. */
    private static String answerHtml(Answer answer, Map<String, byte[]> figures) {
        StringBuilder html = new StringBuilder();
        if (answer.frontier().isPresent()) { // the answer, then the picture it comes from, then the test scores
            html.append("<p><b>").append(Html.escape(answer.frontier().get())).append("</b></p>\n");
            byte[] plot = figures.get(Plots.FRONTIER);
            if (plot != null) {
                html.append("<img alt=\"frontier\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(plot))
                        .append("\">\n");
            }
        }
        if (answer.bySize().size() == 1 && answer.frontier().isEmpty()) {
            html.append("<p><b>").append(Html.escape(answer.bySize().get(0))).append("</b></p>\n");
        } else {
            html.append("<p>Held-out test scores at each size's best validation step:</p>\n<ul>\n");
            answer.bySize()
                    .forEach(v -> html.append("<li>").append(Html.escape(v)).append("</li>\n"));
            html.append("</ul>\n");
        }
        answer.caution()
                .ifPresent(c -> html.append("<p><b>").append(Html.escape(c)).append("</b></p>\n"));
        return html.toString();
    }
}
