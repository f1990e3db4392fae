package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.metrics.LogMel;
import dev.rvqlm.tokenizer.metrics.Quality;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code rvq codec eval}: quality at every bitrate k = 1..K on a set of clips. */
final class CodecEvalCommand implements Command {

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "SNR, SI-SNR, log-mel and MR-STFT distance for k = 1..K codebooks (table, JSON, PNG)";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued("codec", "FILE", "codec file"))
                .addOption(Option.builder().longOpt("audio").hasArgs().argName("DIR|FILE")
                        .desc("clips to evaluate: files or directories; repeatable").get())
                .addOption(Arguments.valued("report", "DIR", "write codec-eval.json and codec-eval.png here"))
                .addOption(Arguments.valued("codebooks", "LIST", "only these k, comma-separated (default 1..K)"))
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out().print(Arguments.help("rvq codec eval --codec codec.rvq --audio DIR [--report DIR]", options,
                    "rvq codec eval --codec codec.rvq --audio data/test --report reports/codec"));
            return 0;
        }
        try (Codec codec = Codec.load(Path.of(a.string("codec")))) {
            List<AudioInputs.Input> inputs = AudioInputs.list(a.strings("audio"));
            List<float[]> clips = AudioInputs.readAll(inputs, codec.sampleRate());
            int[] ks = a.has("codebooks")
                    ? java.util.Arrays.stream(a.string("codebooks").split(",")).mapToInt(w -> parseK(w, codec)).toArray()
                    : IntStream.rangeClosed(1, codec.codebooks()).toArray();
            List<QualityReport.Row> rows = evaluate(codec, clips, ks);
            double seconds = clips.stream().mapToLong(c -> c.length).sum() / (double) codec.sampleRate();
            terminal.out().printf("codec %s on %d clips (%.1f s)%n", codec.identity(), clips.size(), seconds);
            terminal.out().print(QualityReport.table(rows));
            if (a.has("report")) {
                Path dir = Path.of(a.string("report"));
                QualityReport.writeJson(dir.resolve("codec-eval.json"),
                        new QualityReport.Document(codec.identity(), clips.size(), seconds, rows));
                QualityReport.writePlot(dir.resolve("codec-eval.png"), "rvqlm codec " + codec.identity(), rows);
                terminal.out().printf("wrote %s and %s%n", dir.resolve("codec-eval.json"), dir.resolve("codec-eval.png"));
            }
        }
        return 0;
    }

    private static int parseK(String word, Codec codec) {
        try {
            int k = Integer.parseInt(word.trim());
            if (k < 1 || k > codec.codebooks()) {
                throw new IllegalArgumentException("--codebooks " + k + " is outside 1.." + codec.codebooks());
            }
            return k;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--codebooks must be comma-separated integers, got '" + word + "'");
        }
    }

    /** Encodes each clip once and decodes it with each k; returns the mean quality per k. */
    static List<QualityReport.Row> evaluate(Codec codec, List<float[]> clips, int[] ks) {
        LogMel logMel = new LogMel(codec.sampleRate());
        List<List<Quality>> perClip = clips.parallelStream().map(clip -> {
            int[][] codes = codec.encode(clip);
            List<Quality> qs = new ArrayList<>();
            for (int k : ks) {
                qs.add(Quality.measure(clip, codec.decode(codes, k), logMel));
            }
            return qs;
        }).toList();
        List<QualityReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < ks.length; i++) {
            int idx = i;
            rows.add(new QualityReport.Row(ks[i], codec.bitrate(ks[i]),
                    Quality.mean(perClip.stream().map(q -> q.get(idx)).toList())));
        }
        return rows;
    }
}
