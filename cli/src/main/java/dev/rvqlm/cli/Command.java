package dev.rvqlm.cli;

import java.util.List;

/** One word of the {@code rvq} command line ({@code patterns}, {@code show}, ...). */
public interface Command {

    /** The word that selects this command. */
    String name();

    /** One line for the usage listing. */
    String summary();

    /**
     * Runs the command on the words after its name.
     *
     * @return the process exit status (0 success, 1 failure, 2 bad input)
     * @throws UsageException when the arguments are wrong (exit status 2)
     * @throws IllegalArgumentException when the input is wrong (exit status 2)
     */
    int run(List<String> args, Terminal terminal) throws Exception;
}
