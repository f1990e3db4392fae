package dev.rvqlm.cli.tokens;

import dev.rvqlm.cli.CommandGroup;
import java.util.List;

/** {@code rvq tokens stats}: commands on token directories. */
public final class TokensCommands {

    private TokensCommands() {}

    public static CommandGroup group() {
        return new CommandGroup("tokens", "inspect token directories", List.of(new TokenStatsCommand()));
    }
}
