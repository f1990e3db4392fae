package dev.rvqlm.cli;

import java.io.PrintStream;

/** Where a command prints: results on {@code out}, diagnostics and progress on {@code err}. */
public record Terminal(PrintStream out, PrintStream err) {

    public static Terminal system() {
        return new Terminal(System.out, System.err);
    }
}
