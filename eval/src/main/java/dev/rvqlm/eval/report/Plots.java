package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.PatternResult;
import dev.rvqlm.eval.results.TrainingPoint;
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

/** The report's figures as PNG bytes (XChart, headless), keyed by file name. */
public final class Plots {

    public static final String QUALITY_VS_STEPS = "quality-vs-steps.png";
    public static final String QUALITY_VS_RTF = "quality-vs-rtf.png";
    public static final String TRAINING_CURVES = "training-curves.png";
    public static final String NLL_BY_CODEBOOK = "nll-by-codebook.png";

    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;

    private Plots() {}

    /** All four figures, in report order. */
    public static Map<String, byte[]> all(List<PatternResult> results) {
        Map<String, byte[]> figures = new LinkedHashMap<>();
        figures.put(QUALITY_VS_STEPS, png(qualityAgainst(results, "Quality against sequence length",
                "sequence steps per second of audio", PatternResult::sequenceStepsPerSecond)));
        figures.put(QUALITY_VS_RTF, png(qualityAgainst(results, "Quality against sampling cost",
                "sampling real-time factor at batch 1 (wall s per audio s)", PatternResult::sampleRtfB1)));
        figures.put(TRAINING_CURVES, png(trainingCurves(results)));
        figures.put(NLL_BY_CODEBOOK, png(nllByCodebook(results)));
        return figures;
    }

    static XYChart qualityAgainst(List<PatternResult> results, String title, String xTitle,
                                  ToDoubleFunction<PatternResult> x) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle("held-out NLL, bits per second of audio (lower is better)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
        for (PatternResult r : results) {
            chart.addSeries(r.pattern(), new double[] {x.applyAsDouble(r)}, new double[] {r.nllBitsPerSecond()});
        }
        return chart;
    }

    static XYChart trainingCurves(List<PatternResult> results) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Training curves")
                .xAxisTitle("optimizer step").yAxisTitle("training loss, nats per code").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        for (PatternResult r : results) {
            if (r.curve().isEmpty()) {
                continue;
            }
            List<Double> steps = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            for (TrainingPoint p : r.curve()) {
                steps.add((double) p.step());
                losses.add(p.loss());
            }
            chart.addSeries(r.pattern(), steps, losses).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    static CategoryChart nllByCodebook(List<PatternResult> results) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Held-out NLL by codebook")
                .xAxisTitle("codebook k").yAxisTitle("bits per code").build();
        for (PatternResult r : results) {
            List<String> codebooks = new ArrayList<>();
            for (int k = 0; k < r.nllBitsPerCodeByCodebook().size(); k++) {
                codebooks.add("k=" + k);
            }
            chart.addSeries(r.pattern(), codebooks, r.nllBitsPerCodeByCodebook());
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
