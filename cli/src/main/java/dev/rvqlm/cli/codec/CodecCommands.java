package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.CommandGroup;
import java.util.List;

/** {@code rvq codec train|eval|info|compare}. */
public final class CodecCommands {

    private CodecCommands() {}

    public static CommandGroup group() {
        return new CommandGroup(
                "codec",
                "train, evaluate and inspect an RVQ audio codec",
                List.of(
                        new CodecTrainCommand(),
                        new CodecEvalCommand(),
                        new CodecInfoCommand(),
                        new CodecCompareCommand()));
    }
}
