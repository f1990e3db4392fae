package dev.rvqlm.spark.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.security.AccessControlException;

/**
 * Files on any Hadoop file system ({@code file://} on a shared mount, {@code hdfs://}, {@code s3a://}), with the
 * house rules: a file is written to a temporary sibling and renamed into place, so no reader (and no retried task)
 * ever sees half a file; errors name the location the user gave, in words. Local files are written without
 * Hadoop's {@code .crc} side files, so a token directory written here is the same set of files a local encode makes.
 * Serializable: tasks carry it to executors, where it opens the file systems again.
 */
public final class Storage implements Serializable {

    private static final long serialVersionUID = 1L;

    private final HadoopSettings settings;

    public Storage(HadoopSettings settings) {
        this.settings = settings;
    }

    /**
     * The location given on the command line, made absolute on the driver: a path without a scheme is on the default
     * file system (local files unless {@code fs.defaultFS} says otherwise), relative to the driver's working
     * directory, so that every executor reads the same file.
     */
    public Path qualify(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("an empty path or URI was given");
        }
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(settings.configuration());
            return fs.makeQualified(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(location + ": cannot open its file system: " + e.getMessage(), e);
        }
    }

    /** The file system of {@code path}; the raw one for local files (no checksum side files). */
    public FileSystem fileSystem(Path path) throws IOException {
        FileSystem fs = path.getFileSystem(settings.configuration());
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    public boolean exists(Path path) throws IOException {
        return fileSystem(path).exists(path);
    }

    public boolean isDirectory(Path path) throws IOException {
        FileSystem fs = fileSystem(path);
        return fs.exists(path) && fs.getFileStatus(path).isDirectory();
    }

    public boolean isFile(Path path) throws IOException {
        FileSystem fs = fileSystem(path);
        return fs.exists(path) && fs.getFileStatus(path).isFile();
    }

    /** Every file below {@code directory} (recursively), in no particular order. */
    public List<Path> listFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fileSystem(directory).listFiles(directory, true);
        while (it.hasNext()) {
            files.add(it.next().getPath());
        }
        return files;
    }

    /** The entries directly in {@code directory}. */
    public List<FileStatus> list(Path directory) throws IOException {
        return List.of(fileSystem(directory).listStatus(directory));
    }

    /** The size of a file in bytes; fails naming it when it is missing or a directory. */
    public long length(Path file) throws IOException {
        try {
            FileStatus status = fileSystem(file).getFileStatus(file);
            if (status.isDirectory()) {
                throw new FileSystemException(file.toString(), null, "is a directory, not a file");
            }
            return status.getLen();
        } catch (IOException e) {
            throw named(file, e);
        }
    }

    /** The whole file (check its {@link #length} against the heap first). */
    public byte[] readAllBytes(Path file) throws IOException {
        try (InputStream in = fileSystem(file).open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw named(file, e);
        }
    }

    /** Writes {@code bytes} to a temporary sibling of {@code target}, then renames it over {@code target}. */
    public void writeAtomically(Path target, byte[] bytes) throws IOException {
        FileSystem fs = fileSystem(target);
        Path temporary = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            fs.mkdirs(target.getParent());
            try (FSDataOutputStream out = fs.create(temporary, false)) {
                out.write(bytes);
            }
            rename(fs, temporary, target);
        } catch (IOException e) {
            throw named(target, e);
        } finally {
            try {
                fs.delete(temporary, false);
            } catch (IOException ignored) {
                // renamed already, or the write failed; nothing more to clean up
            }
        }
    }

    /** Renames {@code from} to {@code to}, replacing {@code to} in one step where the file system can. */
    public void move(Path from, Path to) throws IOException {
        FileSystem fs = fileSystem(to);
        try {
            fs.mkdirs(to.getParent());
            rename(fs, from, to);
        } catch (IOException e) {
            throw named(to, e);
        }
    }

    public void mkdirs(Path directory) throws IOException {
        try {
            if (!fileSystem(directory).mkdirs(directory)) {
                throw new FileSystemException(directory.toString(), null, "cannot be created");
            }
        } catch (IOException e) {
            throw named(directory, e);
        }
    }

    /** Deletes a file or a whole directory; false when there was nothing. */
    public boolean delete(Path path) throws IOException {
        return fileSystem(path).delete(path, true);
    }

    /** Opens {@code path} for writing a file that is not published under its own name (a probe). */
    public OutputStream create(Path path) throws IOException {
        return fileSystem(path).create(path, false);
    }

    private void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (fs.getClass().getName().equals("org.apache.hadoop.fs.RawLocalFileSystem")) {
            // POSIX rename(2) replaces the target in one step
            if (!fs.rename(from, to)) {
                throw new IOException("cannot rename " + from + " to " + to);
            }
            return;
        }
        // HDFS renames with OVERWRITE in one NameNode operation; object stores copy, but a reader still never sees
        // half an object
        FileContext.getFileContext(fs.getUri(), settings.configuration()).rename(from, to, Options.Rename.OVERWRITE);
    }

    /** The exception as a {@link FileSystemException} naming {@code path}, where it is a kind the user can fix. */
    static IOException named(Path path, IOException e) {
        if (e instanceof FileSystemException) {
            return e;
        }
        FileSystemException named;
        String message = String.valueOf(e.getMessage());
        if (e instanceof AccessControlException || message.contains("Permission denied")) {
            named = new AccessDeniedException(path.toString());
        } else if (e instanceof FileNotFoundException) {
            named = new NoSuchFileException(path.toString());
        } else {
            return new IOException(path + ": " + e.getMessage(), e);
        }
        named.initCause(e);
        return named;
    }

    /** {@link #named} for callers that cannot throw {@link IOException}. */
    public static UncheckedIOException unchecked(Path path, IOException e) {
        IOException named = named(path, e);
        return new UncheckedIOException(named.getMessage(), named);
    }
}
