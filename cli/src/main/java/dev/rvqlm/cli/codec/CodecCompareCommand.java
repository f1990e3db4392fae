package dev.rvqlm.cli.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.metrics.LogMel;
import dev.rvqlm.tokenizer.metrics.Quality;
import dev.rvqlm.tokenizer.report.QualityReport;
import dev.rvqlm.tokens.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.cli.Options;

/**
 * {@code rvq codec compare}: the same quality metrics as {@code codec eval}, on pairs of files from two directories
 * (matched by relative path without extension), e.g. originals against another codec's decoded output.
 */
final class CodecCompareCommand implements Command {

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "quality of decoded WAVs against references (same metrics as codec eval)";
    }

    /** One compared pair. */
    record Pair(String name, Quality quality) {}

    /** The JSON document. */
    record Document(String label, int files, Quality mean, List<Pair> pairs) {}

    static Options options() {
        Options options = new Options()
                .addOption(Arguments.valued("reference", "DIR", "original audio"))
                .addOption(Arguments.valued(
                        "degraded", "DIR", "the decoded audio to rate, same relative names (any extension)"))
                .addOption(Arguments.valued("sample-rate", "HZ", "rate both are read at (default 24000)"))
                .addOption(Arguments.valued("label", "NAME", "name of the rated system in the output (default test)"))
                .addOption(Arguments.valued("out", "FILE", "also write the results as JSON to FILE"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
        return Arguments.aliases(options, "test", "degraded");
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options, oldJsonFile(args, terminal));
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq codec compare --reference DIR --degraded DIR",
                            options,
                            "rvq codec compare --reference data/test --degraded opus6k-decoded --label opus-6k"));
            return 0;
        }
        int rate = a.integer("sample-rate", 24000, 1000, 384_000);
        String label = a.string("label", "test");
        List<AudioInputs.Input> refs = AudioInputs.list(List.of(a.string("reference")));
        Path testDir = Path.of(a.string("degraded"));
        Map<String, AudioInputs.Input> tests = AudioInputs.list(List.of(testDir.toString())).stream()
                .collect(Collectors.toMap(in -> in.withExtension(""), Function.identity()));
        LogMel logMel = new LogMel(rate);
        List<Pair> pairs = refs.parallelStream()
                .map(ref -> {
                    AudioInputs.Input test = tests.get(ref.withExtension(""));
                    if (test == null) {
                        throw new IllegalArgumentException(
                                "no decoded file for " + ref.relativeName() + " under " + testDir);
                    }
                    try {
                        return new Pair(
                                ref.relativeName(),
                                Quality.measure(
                                        AudioIO.readMono(ref.file(), rate),
                                        AudioIO.readMono(test.file(), rate),
                                        logMel));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
        Quality mean = Quality.mean(pairs.stream().map(Pair::quality).toList());
        Document doc = new Document(label, pairs.size(), mean, pairs);
        if (a.has("out")) {
            AtomicFiles.write(
                    Path.of(a.string("out")),
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsBytes(doc));
        }
        if (a.has("json")) {
            terminal.out().println(new ObjectMapper().writeValueAsString(doc)); // as the --out file
            return 0;
        }
        terminal.out().print(QualityReport.header("system", "files").replaceFirst("^system", "system      "));
        terminal.out().printf("%-12s %9d %s%n", label, pairs.size(), QualityReport.columns(mean));
        return 0;
    }

    /** The old {@code --json FILE} (a file name after it) is {@code --out FILE} now; {@code --json} prints. */
    private static List<String> oldJsonFile(List<String> args, Terminal terminal) {
        List<String> out = new ArrayList<>(args);
        int i = out.indexOf("--json");
        if (i >= 0 && i + 1 < out.size() && !out.get(i + 1).startsWith("--")) {
            out.set(i, "--out");
            terminal.err()
                    .println("note: --json FILE is now --out FILE (--json prints the result); the old "
                            + "form will go in a later version");
        }
        return out;
    }
}
