package dev.rvqlm.cli;

import java.util.List;

/** The registry of top-level commands: adding a command is one class plus one line here. */
final class Commands {

    private Commands() {}

    static List<Command> all() {
        return List.of(
                dev.rvqlm.cli.patterns.PatternsCommands.group());
    }
}
