package dev.rvqlm.cli;

import dev.rvqlm.tokens.IoProblems;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What the user sees when a command fails: an exit status and one sentence.
 * <ul>
 *   <li>2, bad input: a wrong option ({@link UsageException}), a file or value that is not what it should be
 *       ({@link IllegalArgumentException} and its file-specific kinds, {@code TokenFileException},
 *       {@code CodecFileException}), a path that does not exist, cannot be read or written, or is of the wrong kind
 *       ({@link FileSystemException});</li>
 *   <li>1, failure: other I/O errors (a full disk), running out of memory;</li>
 *   <li>1, a bug: a broken invariant ({@link IllegalStateException}) or any other exception, said to be a bug.</li>
 * </ul>
 *
 * @param status  the exit status
 * @param message the line printed after "rvq: "
 */
public record Failure(int status, String message) {

    public static final int BAD_INPUT = 2;
    public static final int FAILED = 1;

    /** Classifies a throwable (unwrapping executor and unchecked-I/O wrappers). */
    public static Failure of(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof UsageException || e instanceof IllegalArgumentException) {
            return new Failure(BAD_INPUT, e.getMessage());
        }
        if (e instanceof FileSystemException fs) {
            if (t instanceof UncheckedIOException u
                    && u.getMessage() != null
                    && !u.getMessage().equals(fs.toString())) {
                return new Failure(BAD_INPUT, u.getMessage()); // already a sentence naming the target
            }
            return new Failure(
                    BAD_INPUT,
                    fs instanceof NoSuchFileException ? "no such file: " + fs.getFile() : IoProblems.sentence(fs));
        }
        if (e instanceof FileNotFoundException) {
            return new Failure(BAD_INPUT, "no such file: " + e.getMessage());
        }
        if (e instanceof IOException) {
            return new Failure(
                    FAILED,
                    t instanceof UncheckedIOException && t.getMessage() != null ? t.getMessage() : e.getMessage());
        }
        if (e instanceof OutOfMemoryError) {
            return new Failure(
                    FAILED,
                    String.format(
                            Locale.ROOT,
                            "out of memory: the Java heap holds at most %.1f GB "
                                    + "(RVQ_JAVA_OPTS=-Xmx… raises it; smaller inputs, batches or --threads need less)",
                            Runtime.getRuntime().maxMemory() / 1e9));
        }
        String what = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e instanceof IllegalStateException
                        ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new Failure(
                FAILED, "internal error, a bug in rvq: " + what + " (please report it with the output of --verbose)");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof ExecutionException
                        || e instanceof CompletionException
                        || e instanceof UncheckedIOException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
