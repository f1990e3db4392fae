package dev.rvqlm.cli.tokens;

import dev.rvqlm.cli.CommandGroup;
import java.util.List;

/** {@code rvq tokens import|synth|stats}: token directories made without a codec, and their stream statistics. */
public final class TokensCommands {

    private TokensCommands() {}

    public static CommandGroup group() {
        return new CommandGroup(
                "tokens",
                "token directories: import numpy arrays, synthesize a known-entropy corpus, " + "stream statistics",
                List.of(new TokenImportCommand(), new TokenSynthCommand(), new TokenStatsCommand()));
    }
}
