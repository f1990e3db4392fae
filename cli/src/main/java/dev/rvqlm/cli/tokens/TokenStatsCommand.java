package dev.rvqlm.cli.tokens;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.tokens.TokenStats;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.Options;

/** {@code rvq tokens stats DIR}: per-stream entropy, usage and conditional entropies of a token directory. */
public final class TokenStatsCommand implements Command {

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public String summary() {
        return "per-codebook entropy, usage, H(k | k-1) and H(k | previous frame) of any token directory";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued(
                        "codebook-size",
                        "N",
                        "N for a bare directory of .npy files without "
                                + "manifest.json (default: the largest code + 1)"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args, true);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq tokens stats DIR [--json] [--codebook-size N]",
                            options,
                            "rvq tokens stats tokens/",
                            "rvq tokens stats foreign-npy/ --codebook-size 2048 --json"));
            return 0;
        }
        if (a.operands().size() != 1) {
            throw new UsageException("give one token directory: rvq tokens stats DIR [--json] [--codebook-size N]");
        }
        TokenStats stats = TokenStats.of(Path.of(a.operands().get(0)), a.integer("codebook-size", 0, 2, 1 << 30));
        terminal.out().print(a.has("json") ? stats.json() : stats.text());
        return 0;
    }
}
