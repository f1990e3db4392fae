package dev.rvqlm.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("sub/report.md");
        AtomicFiles.writeString(target, "one");
        AtomicFiles.writeString(target, "two");
        assertEquals("two", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(
                    List.of("report.md"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
        Path ordinary = Files.createFile(dir.resolve("ordinary.txt"));
        assertEquals(
                Files.getPosixFilePermissions(ordinary),
                Files.getPosixFilePermissions(target),
                "the usual umask permissions, not the owner-only ones of a temp file");
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndCleansUp() throws Exception {
        Path target = dir.resolve("results.json");
        AtomicFiles.writeString(target, "old");
        var e = assertThrows(
                UncheckedIOException.class,
                () -> AtomicFiles.write(target, temporary -> {
                    Files.writeString(temporary, "half");
                    throw new IOException("disk full");
                }));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void temporariesOfKilledProcessesAreRemovedAtTheNextWrite() throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("run"));
        long self = ProcessHandle.current().pid();
        Path dead = Files.writeString(runDir.resolve(".checkpoint.rvqlm.2147483646.7.tmp"), "half a checkpoint");
        Path live = Files.writeString(runDir.resolve(".checkpoint.rvqlm." + self + ".99.tmp"), "being written");
        Path unrelated = Files.writeString(runDir.resolve(".notes.tmp"), "not ours");
        AtomicFiles.writeString(runDir.resolve("metrics.json"), "{}");
        assertTrue(Files.notExists(dead), "a dead process's temporary file is removed");
        assertTrue(Files.exists(live), "a running process's temporary file is kept");
        assertTrue(Files.exists(unrelated), "files of another shape are not touched");
    }
}
