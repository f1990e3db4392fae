package dev.rvqlm.eval.report;

import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.eval.results.EvalResults;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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
            - **bits/code**: held-out negative log-likelihood per code, log2; every held-out code is scored exactly \
            once, on the same windows for every pattern, so the figures are comparable (uniform guessing scores \
            log2 N).
            - **bits/s**: bits/code × K × frame rate, the NLL per second of audio.
            - **steps per audio s**: sequence steps the LM runs per second of audio (long-run rate of the pattern);             for a depth model, its frame steps plus its K depth steps per frame (each one sequential step of sampling).
            - **train FLOPs**: from LmConfig's FLOPs per training sequence × batch × steps (a depth model's count both             transformers).
            - **sample RTF**: sampling wall time divided by the seconds of audio generated (all samples of the \
            batch counted); below 1 is faster than real time.
            - **usage entropy**: entropy in bits of each codebook's code histogram, averaged over codebooks.
            - **repeated frames**: fraction of frame transitions whose K codes all repeat.
            - **log-mel Fréchet d²**: squared Fréchet distance between Gaussians fitted to log-mel frames of the \
            decoded samples and of the decoded real continuations (FAD's formula on log-mel features, not on VGGish \
            embeddings, so not FAD).
            - **mel distance**: mean absolute difference of log-mel frames between each decoded sample and its \
            decoded real continuation.
            - **MusicGen verdict**: the claims are flatten best, parallel worst (by bits/s), and delay and \
            partial-flatten close to flatten, where close means within max(half of parallel's gap to flatten, 1% of \
            flatten's bits/s).
            """;

    private ReportWriter() {}

    /** Writes every report file into {@code directory}. */
    public static void write(EvalResults results, Path directory) {
        ResultsJson.write(results, directory.resolve(RESULTS_JSON));
        AtomicFiles.writeString(directory.resolve(RESULTS_CSV), ResultsCsv.of(results.patterns()));
        Map<String, byte[]> figures = Plots.all(results.patterns());
        figures.forEach((name, png) -> AtomicFiles.write(directory.resolve(name), png));
        AtomicFiles.writeString(directory.resolve(REPORT_MD), markdown(results, figures));
        AtomicFiles.writeString(directory.resolve(REPORT_HTML), html(results, figures));
    }

    static List<Table> tables(EvalResults results) {
        return List.of(ReportTables.quality(results.patterns()), ReportTables.compute(results.patterns()),
                ReportTables.samples(results.patterns()), ReportTables.settings(results.settings()));
    }

    static String markdown(EvalResults results, Map<String, byte[]> figures) {
        StringBuilder md = new StringBuilder("# rvqlm eval: which pattern wins?\n\n");
        md.append(Verdict.of(results.patterns())).append("\n\n");
        for (Table table : tables(results)) {
            md.append("## ").append(table.title()).append("\n\n").append(table.markdown()).append('\n');
        }
        md.append("## Figures\n\n");
        for (String name : figures.keySet()) {
            md.append("![").append(name).append("](").append(name).append(")\n\n");
        }
        md.append("## Definitions\n\n").append(DEFINITIONS);
        return md.toString();
    }

    static String html(EvalResults results, Map<String, byte[]> figures) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>rvqlm eval</title>
                <style>
                body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}
                table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.25em .6em;
                text-align:right}td:first-child,th:first-child{text-align:left}th{background:#eee}
                img{max-width:100%;margin:.5em 0}
                </style></head><body>
                <h1>rvqlm eval: which pattern wins?</h1>
                """);
        html.append("<p>").append(Html.escape(Verdict.of(results.patterns()))).append("</p>\n");
        for (Table table : tables(results)) {
            html.append("<h2>").append(Html.escape(table.title())).append("</h2>\n").append(table.html());
        }
        html.append("<h2>Figures</h2>\n");
        figures.forEach((name, png) -> html.append("<img alt=\"").append(Html.escape(name))
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\">\n"));
        html.append("<h2>Definitions</h2>\n<ul>\n");
        for (String line : DEFINITIONS.strip().split("\n")) {
            String item = line.substring(2).replaceAll("\\*\\*(.+?)\\*\\*", "\u0000$1\u0001");
            item = Html.escape(item).replace("\u0000", "<b>").replace("\u0001", "</b>");
            html.append("<li>").append(item).append("</li>\n");
        }
        return html.append("</ul>\n</body></html>\n").toString();
    }
}
