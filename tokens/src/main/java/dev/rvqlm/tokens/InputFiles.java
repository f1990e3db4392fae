package dev.rvqlm.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reading whole input files with the checks a hostile path needs before anything is allocated: a directory, a
 * device such as {@code /dev/zero}, or a file bigger than the heap is one sentence naming the path, not an
 * {@code OutOfMemoryError}.
 */
public final class InputFiles {

    /** The largest byte array the JVM allocates (a little under 2^31). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 16L;

    private InputFiles() {}

    /** The bytes of a regular file, after checking that it is one and that it fits in memory. */
    public static byte[] readAllBytes(Path file) throws IOException {
        long size = requireRegularFile(file);
        if (size > MAX_ARRAY) {
            throw new TooLargeException(file, size, "a Java array holds at most 2.0 GB");
        }
        requireHeapFor(file, size, size);
        return Files.readAllBytes(file);
    }

    /**
     * Checks that {@code file} exists and is a regular file (not a directory or a device) and returns its size.
     */
    public static long requireRegularFile(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new TokenFileException(file, "is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new TokenFileException(file, "is not a regular file (a device, pipe or socket cannot be read here)");
        }
        return Files.size(file);
    }

    /**
     * Fails with one line unless about {@code bytesNeeded} bytes can still be allocated on the Java heap.
     *
     * @param fileSize the file's size, as the message names it
     */
    public static void requireHeapFor(Path file, long fileSize, long bytesNeeded) {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytesNeeded > available) {
            throw new TooLargeException(
                    file,
                    fileSize,
                    "reading it needs about " + gigabytes(bytesNeeded) + " of memory and " + gigabytes(available)
                            + " are free; RVQ_JAVA_OPTS=-Xmx… raises the limit");
        }
    }

    /** Bytes as gigabytes with one decimal, e.g. "3.0 GB". */
    public static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    /** A file too big for this command: bad input, one line. */
    public static final class TooLargeException extends TokenFileException {
        public TooLargeException(Path file, long size, String why) {
            super(file, gigabytes(size) + " is more than this command can hold (" + why + ")");
        }
    }
}
