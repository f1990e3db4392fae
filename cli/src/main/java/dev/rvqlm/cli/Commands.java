package dev.rvqlm.cli;

import java.util.List;

/** The registry of top-level commands: adding a command is one class plus one line here. */
final class Commands {

    private Commands() {}

    static List<Command> all() {
        return List.of(
                dev.rvqlm.cli.patterns.PatternsCommands.group(),
                dev.rvqlm.cli.codec.CodecCommands.group(),
                new dev.rvqlm.cli.codec.EncodeCommand(),
                new dev.rvqlm.cli.codec.DecodeCommand(),
                dev.rvqlm.cli.tokens.TokensCommands.group(),
                new dev.rvqlm.cli.lm.TrainCommand(),
                new dev.rvqlm.cli.lm.SampleCommand(),
                new dev.rvqlm.cli.lm.ExportCommand(),
                dev.rvqlm.cli.bench.BenchCommands.group(),
                dev.rvqlm.cli.tokens.TokensCommands.group(),
                new dev.rvqlm.cli.eval.EvalCommand(),
                new dev.rvqlm.cli.eval.DemoCommand());
    }
}
