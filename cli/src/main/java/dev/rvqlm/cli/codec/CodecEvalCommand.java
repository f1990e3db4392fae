package dev.rvqlm.cli.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.report.CodecExcerpts;
import dev.rvqlm.tokenizer.report.QualityReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
        return "SNR, SI-SNR, log-mel and MR-STFT distance for k = 1..K codebooks, and stream statistics (table, JSON, PNGs)";
    }

    static Options options() {
        return new Options()
                .addOption(Arguments.valued("codec", "FILE", "codec file"))
                .addOption(Option.builder()
                        .longOpt("audio")
                        .hasArgs()
                        .argName("DIR|FILE")
                        .desc("clips to evaluate: files or directories; repeatable")
                        .get())
                .addOption(Arguments.valued(
                        "report",
                        "DIR",
                        "write codec-eval.json, "
                                + "codec-eval.png, codec-streams.png, and for up to " + CodecExcerpts.CLIPS
                                + " clips a "
                                + "spectrogram sheet and WAVs (audio/) of an excerpt here"))
                .addOption(Arguments.valued("codebooks", "LIST", "only these k, comma-separated (default 1..K)"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq codec eval --codec codec.rvq --audio DIR [--report DIR]",
                            options,
                            "rvq codec eval --codec codec.rvq --audio data/test --report reports/codec"));
            return 0;
        }
        try (Codec codec = Codec.load(Path.of(a.string("codec")))) {
            List<AudioInputs.Input> inputs = AudioInputs.list(a.strings("audio"));
            List<float[]> clips = AudioInputs.readAll(inputs, codec.sampleRate());
            int[] ks = a.has("codebooks")
                    ? Arrays.stream(a.string("codebooks").split(","))
                            .mapToInt(word -> parseK(word, codec.codebooks()))
                            .toArray()
                    : IntStream.rangeClosed(1, codec.codebooks()).toArray();
            QualityReport.Document doc = QualityReport.evaluate(codec, clips, ks);
            PrintStream text = a.has("json") ? terminal.err() : terminal.out();
            text.printf(
                    "codec %s (%s) on %d clips (%.1f s)%n", codec.identity(), codec.kind(), doc.files(), doc.seconds());
            text.print(QualityReport.text(doc));
            if (a.has("report")) {
                Path dir = Path.of(a.string("report"));
                QualityReport.writePlot(dir.resolve("codec-eval.png"), "rvqlm codec " + codec.identity(), doc.rows());
                QualityReport.writeStreamPlot(
                        dir.resolve("codec-streams.png"),
                        "streams of " + codec.identity() + " on the evaluated clips",
                        doc.streams());
                CodecExcerpts.Written excerpts = CodecExcerpts.write(
                        codec,
                        inputs.stream().map(AudioInputs.Input::relativeName).toList(),
                        clips,
                        ks,
                        dir);
                QualityReport.writeJson(
                        dir.resolve("codec-eval.json"),
                        doc.withExcerpts(Stream.concat(excerpts.sheets().stream(), excerpts.wavs().stream())
                                .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                                .toList()));
                List<String> files = new ArrayList<>(List.of(
                        dir.resolve("codec-eval.json").toString(),
                        dir.resolve("codec-eval.png").toString(),
                        dir.resolve("codec-streams.png").toString()));
                excerpts.sheets().forEach(sheet -> files.add(sheet.toString()));
                text.printf(
                        "wrote %s and %d WAVs of the excerpts in %s%n",
                        String.join(", ", files), excerpts.wavs().size(), dir.resolve(CodecExcerpts.AUDIO));
            }
            if (a.has("json")) {
                terminal.out().println(new ObjectMapper().writeValueAsString(doc)); // as codec-eval.json
            }
        }
        return 0;
    }

    private static int parseK(String word, int codebooks) {
        int k;
        try {
            k = Integer.parseInt(word.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--codebooks must be comma-separated integers, got '" + word + "'");
        }
        if (k < 1 || k > codebooks) {
            throw new UsageException("--codebooks: " + k + " is outside 1.." + codebooks + " (the codec's K)");
        }
        return k;
    }
}
