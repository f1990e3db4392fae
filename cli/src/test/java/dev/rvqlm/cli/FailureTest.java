package dev.rvqlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rvqlm.tokens.TokenFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Every kind of failure maps to one exit status and one sentence without Java exception names. */
class FailureTest {

    @Test
    void badInputIsStatusTwoWithTheSentence() {
        assertEquals(
                new Failure(2, "--steps must be an integer, got 'x'"),
                Failure.of(new UsageException("--steps must be an integer, got 'x'")));
        assertEquals(new Failure(2, "a.npy: corrupt"), Failure.of(new TokenFileException(Path.of("a.npy"), "corrupt")));
        assertEquals(
                new Failure(2, "x.wav: sample 3 is NaN"),
                Failure.of(new ExecutionException(new IllegalArgumentException("x.wav: sample 3 is NaN"))));
    }

    @Test
    void fileSystemErrorsAreSentencesNamingThePath() {
        assertEquals(
                new Failure(2, "/data/a.wav: permission denied"), Failure.of(new AccessDeniedException("/data/a.wav")));
        assertEquals(
                new Failure(2, "out.rvq: already exists (and is not a directory)"),
                Failure.of(new FileAlreadyExistsException("out.rvq")));
        assertEquals(
                new Failure(2, "codec.rvq: is a directory, not a file"),
                Failure.of(new FileSystemException("codec.rvq", null, "Is a directory")));
        assertEquals(
                new Failure(2, "no such file: nowhere/manifest.json"),
                Failure.of(new NoSuchFileException("nowhere/manifest.json")));
        assertEquals(
                new Failure(2, "cannot write /proc/x: permission denied in /proc"),
                Failure.of(new UncheckedIOException(
                        "cannot write /proc/x: permission denied in /proc",
                        new AccessDeniedException("/proc/.x.1.1.tmp"))));
        assertEquals(
                new Failure(2, "/a/b: permission denied"),
                Failure.of(new UncheckedIOException(new AccessDeniedException("/a/b"))));
    }

    @Test
    void otherFailuresAreStatusOneAndBugsSayTheyAreBugs() {
        assertEquals(new Failure(1, "No space left on device"), Failure.of(new IOException("No space left on device")));
        assertEquals(1, Failure.of(new OutOfMemoryError("Java heap space")).status());
        assertEquals(
                new Failure(
                        1,
                        "internal error, a bug in rvq: row 1 has 3 values, row 0 has 4 (please report it "
                                + "with the output of --verbose)"),
                Failure.of(new IllegalStateException("row 1 has 3 values, row 0 has 4")));
        assertEquals(
                new Failure(
                        1,
                        "internal error, a bug in rvq: NullPointerException: x (please report it with the "
                                + "output of --verbose)"),
                Failure.of(new NullPointerException("x")));
    }
}
