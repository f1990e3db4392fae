package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Options;

/** {@code rvq codec info codec.rvq}: prints config and diagnostics (text or JSON). */
final class CodecInfoCommand implements Command {

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "print a codec's config and per-codebook diagnostics";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued("codec", "FILE", "the codec file (or give it as the only argument)"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args, true);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq codec info CODEC_FILE",
                            options,
                            "rvq codec info codec.rvq",
                            "rvq codec info codec.rvq --json"));
            return 0;
        }
        List<String> files = new ArrayList<>(a.operands());
        if (a.has("codec")) {
            files.add(a.string("codec"));
        }
        if (files.size() != 1) {
            throw new UsageException("give one codec file: rvq codec info CODEC_FILE [--json]");
        }
        try (Codec codec = Codec.load(Path.of(files.get(0)))) {
            terminal.out().print(a.has("json") ? CodecDescription.json(codec) : CodecDescription.text(codec));
        }
        return 0;
    }
}
