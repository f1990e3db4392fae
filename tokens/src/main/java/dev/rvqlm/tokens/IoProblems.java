package dev.rvqlm.tokens;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** File-system errors in words ("permission denied"), not Java exception names. */
public final class IoProblems {

    private IoProblems() {}

    /** What went wrong, without the path: "permission denied", "no such file or directory", … */
    public static String describe(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists (and is not a directory)";
        }
        if (e instanceof NotDirectoryException) {
            return "is not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "is a directory that is not empty";
        }
        if (e.getReason() != null) {
            String reason = e.getReason();
            if (reason.equalsIgnoreCase("is a directory")) {
                return "is a directory, not a file";
            }
            return reason.isEmpty() ? reason : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
        }
        return "cannot be used";
    }

    /** "PATH: problem" for a file-system error. */
    public static String sentence(FileSystemException e) {
        String other = e.getOtherFile() == null ? "" : " (" + e.getOtherFile() + ")";
        return (e.getFile() == null ? "" : e.getFile() + ": ") + describe(e) + other;
    }
}
