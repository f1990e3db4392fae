package dev.rvqlm.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file to a temporary sibling and renames it into place, so a reader never sees half a file. */
public final class AtomicFiles {

    /** Writes the content of one file to the given path (a temporary file). */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    private AtomicFiles() {}

    /** Runs {@code writer} on a temporary file beside {@code target}, then renames it to {@code target}. */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            StaleTemporaries.removeOnce(directory);
            // createFile (not createTempFile, which makes owner-only files) so the result has the usual
            // permissions under the user's umask.
            temporary = Files.createFile(directory.resolve(StaleTemporaries.name(absolute.getFileName().toString(),
                    ProcessHandle.current().pid(), COUNTER.incrementAndGet())));
            writer.write(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the rename already happened or the write failed; nothing more to clean up
                }
            }
        }
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) {
        write(target, temporary -> Files.write(temporary, bytes));
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
