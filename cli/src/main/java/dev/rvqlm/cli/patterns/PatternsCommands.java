package dev.rvqlm.cli.patterns;

import dev.rvqlm.cli.CommandGroup;
import java.util.List;

/** {@code rvq patterns list|show|verify}. */
public final class PatternsCommands {

    private PatternsCommands() {}

    public static CommandGroup group() {
        return new CommandGroup(
                "patterns",
                "codebook interleaving patterns: list, show, verify",
                List.of(new ListPatternsCommand(), new ShowPatternCommand(), new VerifyGoldenCommand()));
    }
}
