package dev.rvqlm.cli.tokens;

import dev.rvqlm.cli.CommandGroup;
import java.util.List;

/** {@code rvq tokens import|synth}: token directories made without a codec. */
public final class TokensCommands {

    private TokensCommands() {}

    public static CommandGroup group() {
        return new CommandGroup("tokens", "token directories: import numpy arrays, synthesize a known-entropy corpus",
                List.of(new TokenImportCommand(), new TokenSynthCommand()));
    }
}
