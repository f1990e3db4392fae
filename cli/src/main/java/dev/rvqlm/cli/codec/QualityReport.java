package dev.rvqlm.cli.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokenizer.metrics.Quality;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Quality against bitrate: the table, JSON and PNG that {@code rvq codec eval} writes. */
final class QualityReport {

    /** One operating point: the first k codebooks. */
    record Row(int k, double bitrate, Quality quality) {}

    /** The JSON document. */
    record Document(String codec, int files, double seconds, List<Row> rows) {}

    private QualityReport() {}

    static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-4s %9s %9s %9s %9s %9s%n", "k", "kbit/s", "SNR dB", "SI-SNR dB", "log-mel", "MR-STFT"));
        for (Row r : rows) {
            Quality q = r.quality();
            s.append(String.format("%-4d %9.2f %9.2f %9.2f %9.4f %9.4f%n", r.k(), r.bitrate() / 1000, q.snrDb(),
                    q.siSnrDb(), q.logMel(), q.mrStft()));
        }
        return s.toString();
    }

    static void writeJson(Path file, Document doc) throws IOException {
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(doc);
        AtomicFiles.write(file, json);
    }

    /** Log-mel distance (left axis) and SI-SNR (right axis) against kbit/s. */
    static void writePlot(Path file, String title, List<Row> rows) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("kbit/s")
                .yAxisTitle("log-mel distance (lower is better)").build();
        double[] x = rows.stream().mapToDouble(r -> r.bitrate() / 1000).toArray();
        XYSeries mel = chart.addSeries("log-mel distance", x, rows.stream().mapToDouble(r -> r.quality().logMel()).toArray());
        mel.setMarker(SeriesMarkers.CIRCLE);
        XYSeries si = chart.addSeries("SI-SNR dB", x, rows.stream().mapToDouble(r -> r.quality().siSnrDb()).toArray());
        si.setMarker(SeriesMarkers.DIAMOND);
        si.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "SI-SNR dB (higher is better)");
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
