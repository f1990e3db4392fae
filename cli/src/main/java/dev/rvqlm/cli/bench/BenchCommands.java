package dev.rvqlm.cli.bench;

import dev.rvqlm.cli.CommandGroup;
import java.util.List;

/** {@code rvq bench ...}: speed measurements of each module. */
public final class BenchCommands {

    private BenchCommands() {}

    public static CommandGroup group() {
        return new CommandGroup(
                "bench", "measure speed (tokenizer, ...)", List.of(new TokenizerBenchCommand(), new LmBenchCommand()));
    }
}
