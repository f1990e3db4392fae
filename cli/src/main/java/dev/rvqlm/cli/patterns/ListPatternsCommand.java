package dev.rvqlm.cli.patterns;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.JsonOutput;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.patterns.PatternRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.cli.Options;

/** {@code rvq patterns list}: every pattern name with its keys and defaults, one line each. */
final class ListPatternsCommand implements Command {

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String summary() {
        return "the pattern names, their keys and defaults";
    }

    @Override
    public int run(List<String> args, Terminal terminal) {
        Options options = new Options().addOption(Arguments.json()).addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out().print(Arguments.help("rvq patterns list", options, "rvq patterns list"));
            return 0;
        }
        if (a.has("json")) {
            JsonOutput.print(
                    terminal,
                    PatternRegistry.entries().stream()
                            .map(e -> Map.of(
                                    "name",
                                    e.name(),
                                    "summary",
                                    e.summary(),
                                    "keys",
                                    e.keys().stream()
                                            .map(k -> Map.of("name", k.name(), "default", k.defaultValue()))
                                            .toList()))
                            .toList());
            return 0;
        }
        for (PatternRegistry.Entry entry : PatternRegistry.entries()) {
            String keys = entry.keys().stream()
                    .map(k -> k.name() + "=" + k.defaultValue())
                    .collect(Collectors.joining("  "));
            terminal.out().printf("%-16s %-52s %s%n", entry.name(), keys.isEmpty() ? "-" : keys, entry.summary());
        }
        return 0;
    }
}
