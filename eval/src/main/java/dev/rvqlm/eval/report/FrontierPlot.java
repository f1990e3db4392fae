package dev.rvqlm.eval.report;

import dev.rvqlm.eval.results.FrontierSummary;
import dev.rvqlm.eval.results.Interval;
import dev.rvqlm.eval.results.ModelFrontier;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The headline figure: per model the compute frontier (the best validation bits/s over sizes within each training
 * budget, mean of seeds) as a solid line, its 95% interval over seeds as dotted lines in the same colour.
 */
final class FrontierPlot {

    private FrontierPlot() {}

    static XYChart of(FrontierSummary f) {
        XYChart chart = new XYChartBuilder()
                .width(720)
                .height(440)
                .title("Compute frontier: the best size at each training budget")
                .xAxisTitle("training FLOPs (log scale)")
                .yAxisTitle("best validation bits/s within the budget")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisLogarithmic(true);
        java.awt.Color[] palette = chart.getStyler().getSeriesColors();
        for (int i = 0; i < f.models().size(); i++) {
            ModelFrontier m = f.models().get(i);
            java.awt.Color colour = palette[i % palette.length];
            List<Double> x = new ArrayList<>();
            List<Double> mean = new ArrayList<>();
            List<Double> low = new ArrayList<>();
            List<Double> high = new ArrayList<>();
            for (int l = 0; l < f.flops().size(); l++) {
                Interval at = m.bitsPerSecond().get(l);
                if (Double.isFinite(at.mean())) {
                    x.add(f.flops().get(l));
                    mean.add(at.mean());
                    low.add(at.low());
                    high.add(at.high());
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries line = chart.addSeries(m.model(), x, mean);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(colour);
            if (!low.equals(mean)) {
                for (String side : List.of("low", "high")) {
                    XYSeries band = chart.addSeries(m.model() + " 95% " + side, x, side.equals("low") ? low : high);
                    band.setMarker(SeriesMarkers.NONE);
                    band.setLineStyle(SeriesLines.DOT_DOT);
                    band.setLineColor(colour);
                    band.setShowInLegend(false);
                }
            }
        }
        return chart;
    }
}
