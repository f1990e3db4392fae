package dev.rvqlm.tokens;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files of {@link AtomicFiles} ({@code .NAME.PID.N.tmp}) that a killed process left behind. The first
 * atomic write into a directory in each process removes those whose process is no longer running, so kill -9 during
 * checkpoints or encodes does not let them pile up. A temporary of a live process (another rvq writing into the same
 * directory) is left alone.
 */
final class StaleTemporaries {

    private static final Pattern NAME = Pattern.compile("\\..+\\.(\\d+)\\.\\d+\\.tmp");
    private static final Set<Path> CLEANED = ConcurrentHashMap.newKeySet();

    private StaleTemporaries() {}

    /** The temporary file name for {@code target} written by process {@code pid}. */
    static String name(String target, long pid, long counter) {
        return "." + target + "." + pid + "." + counter + ".tmp";
    }

    /** Removes the stale temporaries in {@code directory}, once per directory and process. */
    static void removeOnce(Path directory) {
        if (CLEANED.add(directory)) {
            remove(directory);
        }
    }

    /** Removes every temporary file in {@code directory} whose writing process has ended; returns how many. */
    static int remove(Path directory) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, ".*.tmp")) {
            for (Path file : files) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches() && !running(m.group(1)) && Files.isRegularFile(file)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            // Cleaning up is a courtesy: a directory we cannot list or a file we cannot delete must not stop a write.
        }
        return removed;
    }

    private static boolean running(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid))
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours to judge
        }
    }
}
