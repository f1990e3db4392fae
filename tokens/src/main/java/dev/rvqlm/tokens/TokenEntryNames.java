package dev.rvqlm.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The rule for a manifest's file names: a relative path inside the token directory ({@code clip.npy},
 * {@code speech/clip.npy}), with '/' separators, no {@code .} or {@code ..} segment, not absolute, and no symbolic
 * link that leads out of the directory. A manifest is data from anywhere: an entry like {@code ../victim.npy} must
 * not make {@code decode} write, or {@code train} read, outside the directories the user named.
 */
public final class TokenEntryNames {

    private TokenEntryNames() {}

    /** Fails, naming the entry, unless {@code name} is a plain relative path. */
    public static void check(String name, Path manifest) {
        if (name == null || name.isBlank()) {
            throw new TokenFileException(manifest, "a file entry has no name");
        }
        String problem = null;
        if (name.startsWith("/")) {
            problem = "is an absolute path";
        } else if (name.indexOf('\0') >= 0) {
            problem = "holds a NUL character";
        } else {
            for (String segment : name.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    problem = "has an empty, '.' or '..' segment";
                    break;
                }
            }
        }
        if (problem != null) {
            throw new TokenFileException(
                    manifest,
                    "file entry '" + name + "' " + problem + ": entries must name files inside the token directory");
        }
    }

    /**
     * The file an entry names inside {@code dir}, after checking the name and that no symbolic link leads it out of
     * the directory (when the file or its parents exist).
     */
    public static Path resolve(Path dir, String name) throws IOException {
        Path manifest = dir.resolve(TokenManifest.FILE_NAME);
        check(name, manifest);
        Path file = dir.resolve(name);
        Path existing = file;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing != null && Files.exists(dir)) {
            Path real = existing.toRealPath();
            if (!real.startsWith(dir.toRealPath())) {
                throw new TokenFileException(
                        manifest,
                        "file entry '" + name + "' leads to " + real
                                + " through a symbolic link, outside the token directory");
            }
        }
        return file;
    }
}
