package dev.rvqlm.cli;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.Options;

/**
 * The {@code rvq} command: parses the first words, runs a {@link Command}, turns exceptions into one line on
 * stderr and an exit status ({@link Failure}: 2 bad input, 1 failure or bug). {@code --verbose} anywhere adds the stack trace.
 */
public final class Rvq {

    private final Terminal terminal;
    private final CommandGroup root;

    public Rvq(Terminal terminal) {
        this.terminal = terminal;
        this.root = new CommandGroup("rvq", "residual-vector-quantized audio token toolkit", Commands.all());
    }

    public static void main(String[] args) {
        // DJL calls home on engine start unless told it is offline; set before anything touches DJL.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("java.awt.headless", "true");
        int status = new Rvq(Terminal.system()).run(args);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line and returns its exit status; never exits the JVM. */
    public int run(String... args) {
        List<String> words =
                Arrays.stream(args).filter(a -> !a.equals("--verbose")).toList();
        boolean verbose = words.size() != args.length;
        if (words.isEmpty() || words.get(0).equals("--help") || words.get(0).equals("-h")) {
            terminal.out().print(usage());
            return words.isEmpty() ? 2 : 0;
        }
        Arguments.NOTES.set(terminal.err()::println);
        try {
            if (words.get(0).equals("--version")) {
                return version(words.subList(1, words.size()));
            }
            return root.run(words, terminal);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            Failure failure = Failure.of(e);
            terminal.err().println("rvq: " + failure.message());
            if (verbose) {
                e.printStackTrace(terminal.err());
            }
            return failure.status();
        } finally {
            Arguments.NOTES.remove();
        }
    }

    /** {@code rvq --version [--json]}: rvqlm's version and commit, and those of Java, DJL and PyTorch. */
    private int version(List<String> args) {
        Arguments a = Arguments.parse(new Options().addOption(Arguments.json()), args);
        var v = VersionInfo.collect();
        if (a.has("json")) {
            JsonOutput.print(terminal, v);
        } else {
            terminal.out().print(VersionInfo.text(v));
        }
        return 0;
    }

    private String usage() {
        return "usage: rvq COMMAND [OPTIONS]   (add --help to any command, --verbose for stack traces; rvq --version)\n"
                + root.usage("") + Arguments.EXIT_STATUS + "\n";
    }
}
