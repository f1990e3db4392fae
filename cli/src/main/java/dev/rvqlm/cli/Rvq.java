package dev.rvqlm.cli;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code rvq} command: parses the first words, runs a {@link Command}, turns exceptions into one line on
 * stderr and an exit status (2 bad input, 1 failure). {@code --verbose} anywhere adds the stack trace.
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
        List<String> words = Arrays.stream(args).filter(a -> !a.equals("--verbose")).toList();
        boolean verbose = words.size() != args.length;
        if (words.isEmpty() || words.get(0).equals("--help") || words.get(0).equals("-h")) {
            terminal.out().print(usage());
            return words.isEmpty() ? 2 : 0;
        }
        try {
            return root.run(words, terminal);
        } catch (UsageException e) {
            return fail(2, e.getMessage(), e, verbose);
        } catch (IllegalArgumentException e) {
            return fail(2, e.getMessage(), e, verbose);
        } catch (NoSuchFileException | FileNotFoundException e) {
            return fail(2, "no such file: " + e.getMessage(), e, verbose);
        } catch (UncheckedIOException e) {
            return fail(1, e.getMessage(), e, verbose);
        } catch (Exception e) {
            return fail(1, e.getClass().getSimpleName() + ": " + e.getMessage(), e, verbose);
        }
    }

    private int fail(int status, String message, Exception cause, boolean verbose) {
        terminal.err().println("rvq: " + message);
        if (verbose) {
            cause.printStackTrace(terminal.err());
        }
        return status;
    }

    private String usage() {
        return "usage: rvq COMMAND [OPTIONS]   (add --help to any command, --verbose for stack traces)\n"
                + root.usage("");
    }
}
