package dev.rvqlm.spark.eval;

import dev.rvqlm.spark.storage.Storage;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inputs on storage as local paths, for code that reads java.nio paths (token directories, codec files): a location
 * on a local file system is used where it is; anything else ({@code hdfs://}, {@code s3a://}) is copied once per JVM
 * into its scratch directory, keeping its file name (the report names the token directory by it). A token directory
 * is copied file by file as its manifest lists them.
 */
final class LocalCopies {

    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

    private LocalCopies() {}

    /** The token directory at {@code location} as a local path. */
    static Path tokenDirectory(Storage storage, String location, Path scratch) throws IOException {
        return of(storage, location, scratch, true);
    }

    /** The file at {@code location} as a local path. */
    static Path file(Storage storage, String location, Path scratch) throws IOException {
        return of(storage, location, scratch, false);
    }

    private static Path of(Storage storage, String location, Path scratch, boolean tokenDirectory) throws IOException {
        org.apache.hadoop.fs.Path qualified = storage.qualify(location);
        if ("file".equals(qualified.toUri().getScheme())) {
            return Path.of(qualified.toUri());
        }
        synchronized (COPIES) {
            Path copy = COPIES.get(qualified.toString());
            if (copy == null) {
                copy = copy(storage, qualified, scratch, tokenDirectory);
                COPIES.put(qualified.toString(), copy);
            }
            return copy;
        }
    }

    private static Path copy(Storage storage, org.apache.hadoop.fs.Path from, Path scratch, boolean tokenDirectory)
            throws IOException {
        Path parent = Files.createDirectories(
                scratch.resolve(HexFormat.of().toHexDigits(from.toString().hashCode())));
        Path target = parent.resolve(from.getName());
        Path partial = Files.createTempDirectory(parent, ".copy");
        if (tokenDirectory) {
            byte[] manifestBytes = storage.readAllBytes(new org.apache.hadoop.fs.Path(from, TokenManifest.FILE_NAME));
            Path dir = Files.createDirectories(partial.resolve(from.getName()));
            Files.write(dir.resolve(TokenManifest.FILE_NAME), manifestBytes);
            TokenManifest manifest = TokenManifest.read(dir);
            for (TokenManifest.Entry e : manifest.files()) {
                Path file = manifest.resolve(dir, e);
                Files.createDirectories(file.getParent());
                Files.write(file, storage.readAllBytes(new org.apache.hadoop.fs.Path(from, e.name())));
            }
        } else {
            Files.write(partial.resolve(from.getName()), storage.readAllBytes(from));
        }
        Files.move(partial.resolve(from.getName()), target, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(partial);
        return target;
    }
}
