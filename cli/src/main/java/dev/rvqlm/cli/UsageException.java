package dev.rvqlm.cli;

/** The command line itself is wrong (unknown command, missing or malformed option): exit status 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
