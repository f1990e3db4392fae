package dev.rvqlm.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/** Writes a file to a temporary sibling and renames it into place, so a reader never sees half a file. */
public final class AtomicFiles {

    /** Writes the content of one file to the given path (a temporary file). */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {}

    /**
     * Runs {@code writer} on a temporary file beside {@code target}, then renames it to {@code target}.
     *
     * @throws FileSystemException naming {@code target} (not the temporary file) when it cannot be written
     */
    public static void replace(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            StaleTemporaries.removeOnce(directory);
            // createFile (not createTempFile, which makes owner-only files) so the result has the usual
            // permissions under the user's umask.
            temporary = Files.createFile(directory.resolve(StaleTemporaries.name(
                    absolute.getFileName().toString(), ProcessHandle.current().pid(), COUNTER.incrementAndGet())));
            writer.write(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileSystemException e) {
            throw cannotWrite(target, directory, e);
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

    /** {@link #replace(Path, Writer)} for callers that cannot declare {@link IOException}. */
    public static void write(Path target, Writer writer) {
        try {
            replace(target, writer);
        } catch (FileSystemException e) {
            throw new UncheckedIOException(IoProblems.sentence(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void replace(Path target, byte[] bytes) throws IOException {
        replace(target, temporary -> Files.write(temporary, bytes));
    }

    /**
     * Checks, before long work, that {@code target} can be written: its directory can be made and written to and
     * it is not a directory itself. Fails with the same sentence a late write would give.
     */
    public static void requireWritable(Path target) {
        if (Files.isDirectory(target)) {
            throw new TokenFileException(target, "is a directory; the output must be a file");
        }
        Path directory = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, ".rvq-write-test", ".tmp"));
        } catch (FileSystemException e) {
            FileSystemException named = cannotWrite(target, directory, e);
            throw new UncheckedIOException(IoProblems.sentence(named), named);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** "TARGET: cannot be written: permission denied in DIR", naming what the user named, not our temporary file. */
    private static FileSystemException cannotWrite(Path target, Path directory, FileSystemException e) {
        String file = e.getFile();
        boolean ours = file == null || Path.of(file).getFileName().toString().startsWith(".");
        FileSystemException named = new FileSystemException(
                target.toString(),
                null,
                "cannot be written: "
                        + (ours ? IoProblems.describe(e) + " in " + directory : file + ": " + IoProblems.describe(e)));
        named.initCause(e);
        return named;
    }

    /** Checks, before long work, that files can be written into {@code directory} (made if needed). */
    public static void requireWritableDirectory(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new TokenFileException(directory, "is a file; a directory is needed here");
        }
        requireWritable(directory.resolve(".write-test"));
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
