package dev.rvqlm.spark.encode;

import dev.rvqlm.spark.storage.Storage;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.TokenDirectoryWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * The audio files named on the command line, listed on the driver through the storage (names only, no content), by
 * the rules of a local encode: a file is taken as it is and named by its file name; a directory is searched
 * recursively for audio extensions, sorted, and each file keeps its path relative to it ({@code speech/a.wav} becomes
 * {@code speech/a.npy}).
 */
final class AudioListing {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

    private AudioListing() {}

    static List<AudioFile> list(Storage storage, List<String> locations) throws IOException {
        List<AudioFile> files = new ArrayList<>();
        for (String location : locations) {
            Path path = storage.qualify(location);
            if (storage.isDirectory(path)) {
                String prefix = path.toString().endsWith("/") ? path.toString() : path + "/";
                List<String> relative = new ArrayList<>();
                for (Path f : storage.listFiles(path)) {
                    String name = f.toString();
                    if (name.startsWith(prefix) && hasAudioExtension(name)) {
                        relative.add(name.substring(prefix.length()));
                    }
                }
                relative.sort(null);
                for (String r : relative) {
                    files.add(new AudioFile(files.size(), prefix + r, source(location, r), tokenName(r)));
                }
            } else if (storage.isFile(path)) {
                files.add(new AudioFile(
                        files.size(), path.toString(), source(location, null), tokenName(path.getName())));
            } else {
                throw new IllegalArgumentException("no such audio file or directory: " + location);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no audio files (" + String.join(", ", AudioIO.AUDIO_EXTENSIONS)
                    + ") under " + String.join(", ", locations));
        }
        return files;
    }

    /** What a local encode records for this file: the given path joined with the relative name, as java.nio does. */
    static String source(String given, String relative) {
        if (SCHEME.matcher(given).matches()) {
            String base = given.replaceAll("/+$", "");
            return relative == null ? given : base + "/" + relative;
        }
        java.nio.file.Path base = java.nio.file.Path.of(given);
        return (relative == null ? base : base.resolve(relative)).toString();
    }

    private static String tokenName(String relative) {
        return TokenDirectoryWriter.withoutExtension(relative) + ".npy";
    }

    private static boolean hasAudioExtension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return AudioIO.AUDIO_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }
}
