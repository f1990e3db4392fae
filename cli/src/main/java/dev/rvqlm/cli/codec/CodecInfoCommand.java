package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokenizer.CodecDescription;
import java.nio.file.Path;
import java.util.List;

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
        List<String> words = args.stream().filter(w -> !w.equals("--codec")).toList();
        boolean json = words.contains("--json");
        words = words.stream().filter(w -> !w.equals("--json")).toList();
        if (words.size() == 1 && (words.get(0).equals("--help") || words.get(0).equals("-h"))) {
            terminal.out()
                    .println("usage: rvq codec info CODEC_FILE [--json]\nexamples:\n  rvq codec info codec.rvq\n"
                            + "  rvq codec info codec.rvq --json");
            return 0;
        }
        if (words.size() != 1 || words.get(0).startsWith("-")) {
            throw new UsageException("usage: rvq codec info CODEC_FILE [--json]");
        }
        try (Codec codec = Codec.load(Path.of(words.get(0)))) {
            terminal.out().print(json ? CodecDescription.json(codec) : CodecDescription.text(codec));
        }
        return 0;
    }
}
