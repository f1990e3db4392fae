package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.eval.results.PatternSummary;
import dev.rvqlm.eval.results.TrainingPoint;
import dev.rvqlm.eval.results.ValidationPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's figures as PNG bytes (XChart, headless), keyed by file name, the headline first. */
public final class Plots {

    public static final String QUALITY_VS_FLOPS = "quality-vs-flops.png";
    public static final String QUALITY_VS_WALL = "quality-vs-wall-clock.png";
    public static final String TRAINING_CURVES = "training-curves.png";
    public static final String QUALITY_VS_STEPS = "quality-vs-steps.png";
    public static final String QUALITY_VS_RTF = "quality-vs-rtf.png";
    public static final String NLL_BY_CODEBOOK = "nll-by-codebook.png";

    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;
    private static final double LN2 = Math.log(2);

    private Plots() {}

    /** Every figure, in report order. */
    public static Map<String, byte[]> all(EvalResults results) {
        double codesPerSecond = codesPerSecond(results);
        Map<String, byte[]> figures = new LinkedHashMap<>();
        boolean curves =
                results.runs().stream().anyMatch(r -> !r.selection().curve().isEmpty());
        if (curves) {
            figures.put(
                    QUALITY_VS_FLOPS,
                    png(computeCurves(
                            ComputeCurves.byFlops(results.runs(), codesPerSecond),
                            "Quality against training compute",
                            "training FLOPs (log scale)")));
            figures.put(
                    QUALITY_VS_WALL,
                    png(computeCurves(
                            ComputeCurves.bySeconds(results.runs(), codesPerSecond),
                            "Quality against training wall-clock",
                            "training seconds (log scale)")));
        }
        figures.put(TRAINING_CURVES, png(trainingCurves(results.runs())));
        figures.put(
                QUALITY_VS_STEPS,
                png(qualityAgainst(
                        results.summaries(),
                        "Quality against sequence length",
                        "sequence steps per second of audio",
                        PatternSummary::sequenceStepsPerSecond)));
        figures.put(
                QUALITY_VS_RTF,
                png(qualityAgainst(
                        results.summaries(),
                        "Quality against sampling cost",
                        "sampling real-time factor at batch 1 (wall s per audio s)",
                        s -> ReportTables.runsOf(results, s.pattern()).stream()
                                .mapToDouble(PatternResult::sampleRtfB1)
                                .average()
                                .orElse(Double.NaN))));
        figures.put(NLL_BY_CODEBOOK, png(nllByCodebook(results.summaries())));
        return figures;
    }

    static double codesPerSecond(EvalResults results) {
        PatternResult r = results.runs().get(0);
        return r.nllBitsPerSecond() / r.nllBitsPerCode();
    }

    static XYChart computeCurves(List<ComputeCurves.Curve> curves, String title, String xTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle("best validation bits/s so far (mean of seeds)")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisLogarithmic(true);
        for (ComputeCurves.Curve c : curves) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < c.compute().length; i++) {
                if (c.compute()[i] > 0 && Double.isFinite(c.bitsPerSecond()[i])) {
                    x.add(c.compute()[i]);
                    y.add(c.bitsPerSecond()[i]);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(c.pattern(), x, y);
            }
        }
        return chart;
    }

    static XYChart qualityAgainst(
            List<PatternSummary> summaries, String title, String xTitle, ToDoubleFunction<PatternSummary> x) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle("test NLL, bits per second of audio (95% CI)")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
        for (PatternSummary s : summaries) {
            double half = (s.bitsPerSecond().high() - s.bitsPerSecond().low()) / 2;
            double centre = (s.bitsPerSecond().high() + s.bitsPerSecond().low()) / 2;
            chart.addSeries(s.pattern(), new double[] {x.applyAsDouble(s)}, new double[] {centre}, new double[] {half});
        }
        return chart;
    }

    /** Training loss and validation NLL (both bits per code) against steps, the first seed of each pattern. */
    static XYChart trainingCurves(List<PatternResult> runs) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Training (line) and validation " + "(dots) curves, first seed")
                .xAxisTitle("optimizer step")
                .yAxisTitle("bits per code")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        List<String> seen = new ArrayList<>();
        for (PatternResult r : runs) {
            if (seen.contains(r.pattern()) || r.curve().isEmpty()) {
                continue;
            }
            seen.add(r.pattern());
            List<Double> steps = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            for (TrainingPoint p : r.curve()) {
                steps.add((double) p.step());
                losses.add(p.loss() / LN2);
            }
            chart.addSeries(r.pattern() + " train", steps, losses).setMarker(SeriesMarkers.NONE);
            List<ValidationPoint> validation = r.selection().curve();
            if (!validation.isEmpty()) {
                XYSeries v = chart.addSeries(
                        r.pattern() + " validation",
                        validation.stream().mapToDouble(p -> p.step()).toArray(),
                        validation.stream()
                                .mapToDouble(ValidationPoint::bitsPerCode)
                                .toArray());
                v.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                v.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    static CategoryChart nllByCodebook(List<PatternSummary> summaries) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Test NLL by codebook")
                .xAxisTitle("codebook k")
                .yAxisTitle("bits per code (mean of seeds)")
                .build();
        for (PatternSummary s : summaries) {
            List<String> codebooks = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            for (int k = 0; k < s.bitsPerCodeByCodebook().size(); k++) {
                codebooks.add("k=" + k);
                means.add(s.bitsPerCodeByCodebook().get(k).mean());
            }
            chart.addSeries(s.pattern(), codebooks, means);
        }
        return chart;
    }

    static byte[] png(IChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw a figure: " + e.getMessage(), e);
        }
    }
}
