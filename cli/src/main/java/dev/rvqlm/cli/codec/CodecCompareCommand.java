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

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued("reference", "DIR", "original audio"))
                .addOption(Arguments.valued("test", "DIR", "decoded audio, same relative names (any extension)"))
                .addOption(Arguments.valued("sample-rate", "HZ", "rate both are read at (default 24000)"))
                .addOption(Arguments.valued("label", "NAME", "name of the tested system in the output"))
                .addOption(Arguments.valued("json", "FILE", "also write the results as JSON"))
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq codec compare --reference DIR --test DIR",
                            options,
                            "rvq codec compare --reference data/test --test opus6k-decoded --label opus-6k"));
            return 0;
        }
        int rate = a.integer("sample-rate", 24000);
        String label = a.string("label", "test");
        List<AudioInputs.Input> refs = AudioInputs.list(List.of(a.string("reference")));
        Path testDir = Path.of(a.string("test"));
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
        terminal.out().print(QualityReport.header("system", "files").replaceFirst("^system", "system      "));
        terminal.out().printf("%-12s %9d %s%n", label, pairs.size(), QualityReport.columns(mean));
        if (a.has("json")) {
            Path json = Path.of(a.string("json"));
            AtomicFiles.write(
                    json,
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsBytes(new Document(label, pairs.size(), mean, pairs)));
        }
        return 0;
    }
}
