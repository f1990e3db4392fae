package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ModelSummary;
import dev.rvqlm.eval.results.RunResult;
import dev.rvqlm.eval.results.RunSpec;
import dev.rvqlm.eval.results.TrainingPoint;
import dev.rvqlm.eval.results.ValidationPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

    public static final String FRONTIER = "frontier.png";
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
        boolean curves = results.runs().stream()
                .anyMatch(r -> !r.training().selection().curve().isEmpty());
        if (results.frontier() != null) {
            figures.put(FRONTIER, png(FrontierPlot.of(results.frontier())));
        }
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
                        results,
                        "Quality against sequence length",
                        "sequence steps per second of audio",
                        ModelSummary::sequenceStepsPerSecond)));
        figures.put(
                QUALITY_VS_RTF,
                png(qualityAgainst(
                        results,
                        "Quality against sampling cost",
                        "sampling real-time factor at batch 1 (wall s per audio s)",
                        s -> RunLabels.runsOf(results, s).stream()
                                .mapToDouble(r -> r.sampling().rtfBatch1())
                                .average()
                                .orElse(Double.NaN))));
        figures.put(NLL_BY_CODEBOOK, png(nllByCodebook(results)));
        return figures;
    }

    static double codesPerSecond(EvalResults results) {
        RunResult r = results.runs().get(0);
        return r.test().bitsPerSecond() / r.test().bitsPerCode();
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
                chart.addSeries(c.label(), x, y);
            }
        }
        return chart;
    }

    static XYChart qualityAgainst(EvalResults results, String title, String xTitle, ToDoubleFunction<ModelSummary> x) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle("test NLL, bits per second of audio (95% CI)")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
        for (ModelSummary s : results.summaries()) {
            double half = (s.bitsPerSecond().high() - s.bitsPerSecond().low()) / 2;
            double centre = (s.bitsPerSecond().high() + s.bitsPerSecond().low()) / 2;
            chart.addSeries(
                    RunLabels.of(results, s), new double[] {x.applyAsDouble(s)}, new double[] {centre}, new double[] {
                        half
                    });
        }
        return chart;
    }

    /** Training loss and validation NLL (both bits per code) against steps, the first seed of each pattern. */
    static XYChart trainingCurves(List<RunResult> runs) {
        Function<RunSpec, String> label = RunLabels.of(runs);
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Training (line) and validation " + "(dots) curves, first seed")
                .xAxisTitle("optimizer step")
                .yAxisTitle("bits per code")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        List<String> seen = new ArrayList<>();
        for (RunResult r : runs) {
            String name = label.apply(r.run());
            if (seen.contains(name) || r.training().curve().isEmpty()) {
                continue;
            }
            seen.add(name);
            List<Double> steps = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            for (TrainingPoint p : r.training().curve()) {
                steps.add((double) p.step());
                losses.add(p.loss() / LN2);
            }
            chart.addSeries(name + " train", steps, losses).setMarker(SeriesMarkers.NONE);
            List<ValidationPoint> validation = r.training().selection().curve();
            if (!validation.isEmpty()) {
                XYSeries v = chart.addSeries(
                        name + " validation",
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

    static CategoryChart nllByCodebook(EvalResults results) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Test NLL by codebook")
                .xAxisTitle("codebook k")
                .yAxisTitle("bits per code (mean of seeds)")
                .build();
        for (ModelSummary s : results.summaries()) {
            List<String> codebooks = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            for (int k = 0; k < s.bitsPerCodeByCodebook().size(); k++) {
                codebooks.add("k=" + k);
                means.add(s.bitsPerCodeByCodebook().get(k).mean());
            }
            chart.addSeries(RunLabels.of(results, s), codebooks, means);
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
