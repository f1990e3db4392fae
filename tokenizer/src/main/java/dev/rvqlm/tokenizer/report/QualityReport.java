package dev.rvqlm.tokenizer.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.metrics.LogMel;
import dev.rvqlm.tokenizer.metrics.Quality;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.StreamStatistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Quality against bitrate: the table, JSON and PNGs that {@code rvq codec eval} writes. Built by
 * {@link #evaluate}: each clip is encoded once and decoded with the first k codebooks for each k.
 */
public final class QualityReport {

    /** One operating point: the first k codebooks. */
    public record Row(int k, double bitrate, Quality quality) {}

    /**
     * The JSON document: the quality ladder on the given clips, and the stream statistics of their codes.
     *
     * @param codec   the codec's identity
     * @param kind    classical or learned
     * @param frames  frames the stream statistics count
     * @param streams per-stream entropy, perplexity, usage and conditional entropies on these clips
     * @param excerpts the spectrogram sheets and WAVs written beside the document ({@link CodecExcerpts}),
     *                 relative to its directory; empty until they are written
     */
    public record Document(
            String codec,
            String kind,
            int files,
            double seconds,
            int codebookSize,
            long frames,
            List<Row> rows,
            List<StreamStatistics.Stream> streams,
            List<String> excerpts) {

        /** This document listing the excerpts' files. */
        public Document withExcerpts(List<String> files) {
            return new Document(
                    codec, kind, this.files, seconds, codebookSize, frames, rows, streams, List.copyOf(files));
        }
    }

    private QualityReport() {}

    /** Encodes each clip once and decodes it with each k; the mean quality per k and the codes' statistics. */
    public static Document evaluate(Codec codec, List<float[]> clips, int[] ks) {
        for (int k : ks) {
            if (k < 1 || k > codec.codebooks()) {
                throw new IllegalArgumentException("k=" + k + " is outside 1.." + codec.codebooks());
            }
        }
        LogMel logMel = new LogMel(codec.sampleRate());
        List<int[][]> codes = clips.parallelStream().map(codec::encode).toList();
        List<List<Quality>> perClip = IntStream.range(0, clips.size())
                .parallel()
                .mapToObj(i -> {
                    List<Quality> qs = new ArrayList<>();
                    for (int k : ks) {
                        qs.add(Quality.measure(clips.get(i), codec.decode(codes.get(i), k), logMel));
                    }
                    return qs;
                })
                .toList();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ks.length; i++) {
            int idx = i;
            rows.add(new Row(
                    ks[i],
                    codec.bitrate(ks[i]),
                    Quality.mean(perClip.stream().map(q -> q.get(idx)).toList())));
        }
        double seconds = clips.stream().mapToLong(c -> c.length).sum() / (double) codec.sampleRate();
        long frames = codes.stream().mapToLong(c -> c[0].length).sum();
        return new Document(
                codec.identity(),
                codec.kind(),
                clips.size(),
                seconds,
                codec.codebookSize(),
                frames,
                rows,
                StreamStatistics.measure(codes, codec.codebookSize()),
                List.of());
    }

    /** Quality per k, then the streams' statistics. */
    public static String text(Document doc) {
        StringBuilder s = new StringBuilder(table(doc.rows()));
        s.append(System.lineSeparator())
                .append(StreamStatistics.table(doc.streams(), doc.frames(), doc.codebookSize()));
        return s.toString();
    }

    public static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append(header("k", "kbit/s"));
        for (Row r : rows) {
            s.append(String.format("%-4d %9.2f %s%n", r.k(), r.bitrate() / 1000, columns(r.quality())));
        }
        return s.toString();
    }

    /** The table's header: two leading columns, then those of {@link #columns}. */
    public static String header(String first, String second) {
        return String.format(
                "%-4s %9s %9s %9s %9s %9s %9s %9s%n",
                first, second, "SNR dB", "SI-SNR dB", "log-mel", "MR-STFT", "MR-SC", "MR-logmag");
    }

    /** SNR, SI-SNR, log-mel, MR-STFT and its two terms (spectral convergence, log-magnitude). */
    public static String columns(Quality q) {
        return String.format(
                "%9.2f %9.2f %9.4f %9.4f %9.4f %9.4f",
                q.snrDb(),
                q.siSnrDb(),
                q.logMel(),
                q.mrStft(),
                q.stft().convergence(),
                q.stft().logMagnitude());
    }

    public static void writeJson(Path file, Document doc) throws IOException {
        byte[] json =
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(doc);
        AtomicFiles.write(file, json);
    }

    /** Per-stage perplexity and entropy (bits x 100) of the codes on the evaluated clips. */
    public static void writeStreamPlot(Path file, String title, List<StreamStatistics.Stream> streams)
            throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(800)
                .height(500)
                .title(title)
                .xAxisTitle("stage k")
                .yAxisTitle("perplexity (codes)")
                .build();
        List<Integer> ks = streams.stream().map(s -> s.k() + 1).toList();
        chart.addSeries(
                "perplexity",
                ks,
                streams.stream().map(StreamStatistics.Stream::perplexity).toList());
        chart.addSeries(
                "2^H(k | k-1)",
                ks,
                streams.stream().map(s -> Math.pow(2, s.givenPrevious())).toList());
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Log-mel distance (left axis) and SI-SNR (right axis) against kbit/s. */
    public static void writePlot(Path file, String title, List<Row> rows) throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(500)
                .title(title)
                .xAxisTitle("kbit/s")
                .yAxisTitle("log-mel distance (lower is better)")
                .build();
        double[] x = rows.stream().mapToDouble(r -> r.bitrate() / 1000).toArray();
        XYSeries mel = chart.addSeries(
                "log-mel distance",
                x,
                rows.stream().mapToDouble(r -> r.quality().logMel()).toArray());
        mel.setMarker(SeriesMarkers.CIRCLE);
        XYSeries si = chart.addSeries(
                "SI-SNR dB",
                x,
                rows.stream().mapToDouble(r -> r.quality().siSnrDb()).toArray());
        si.setMarker(SeriesMarkers.DIAMOND);
        si.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "SI-SNR dB (higher is better)");
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
