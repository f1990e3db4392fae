package dev.rvqlm.eval.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A corpus's own split into train, validation and test files, as lists of paths (one per line, relative to the
 * corpus, e.g. {@code clips/forest__01.wav}; blank lines and lines starting with {@code #} are skipped). A corpus
 * split by tune (every clip of a tune on one side) must be used as it is: a random split by file would put clips of
 * one tune on both sides and reward memorisation.
 *
 * <p>A token file belongs to the list entry with the same path without its extension, compared from the end at
 * {@code /} boundaries: token {@code forest__01.npy} (encoded from {@code clips/}) matches entry
 * {@code clips/forest__01.wav}, and so does token {@code clips/forest__01.npy}.
 *
 * @param train      entries of the training list
 * @param validation entries of the validation list (may be empty: no early stopping)
 * @param test       entries of the test list
 */
public record SplitLists(List<String> train, List<String> validation, List<String> test) {

    /** Which list a token file is on. */
    public enum Role {
        TRAIN,
        VALIDATION,
        TEST
    }

    public SplitLists {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(
                    "split lists: the train and test lists must each name at least one file");
        }
    }

    /** Reads the three list files. */
    public static SplitLists read(Path train, Path validation, Path test) throws IOException {
        return new SplitLists(entries(train), entries(validation), entries(test));
    }

    private static List<String> entries(Path list) throws IOException {
        if (!Files.isRegularFile(list)) {
            throw new IllegalArgumentException(list + ": not a file (split lists name one file per line)");
        }
        List<String> entries = new ArrayList<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * The list the token file {@code name} is on.
     *
     * @throws IllegalArgumentException when it is on none, or matches entries of two lists
     */
    public Role roleOf(String name) {
        String stem = stem(name);
        Role found = null;
        String foundEntry = null;
        for (Role role : Role.values()) {
            for (String entry : entries(role)) {
                if (!sameFile(stem, stem(entry))) {
                    continue;
                }
                if (found != null && found != role) {
                    throw new IllegalArgumentException("split lists: token file " + name + " matches " + foundEntry
                            + " (" + label(found) + ") and " + entry + " (" + label(role) + ")");
                }
                found = role;
                foundEntry = entry;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("split lists: token file " + name + " is on none of the lists");
        }
        return found;
    }

    /** The entries of one list. */
    public List<String> entries(Role role) {
        return switch (role) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }

    static String label(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** Path without extension, with forward slashes. */
    private static String stem(String path) {
        String p = path.replace('\\', '/');
        int slash = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        return dot > slash + 1 ? p.substring(0, dot) : p;
    }

    /** One path ends with the other at a '/' boundary (or they are equal). */
    private static boolean sameFile(String a, String b) {
        String longer = a.length() >= b.length() ? a : b;
        String shorter = longer == a ? b : a;
        return longer.equals(shorter) || longer.endsWith("/" + shorter);
    }
}
