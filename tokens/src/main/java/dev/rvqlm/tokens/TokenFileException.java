package dev.rvqlm.tokens;

import java.nio.file.Path;

/** A token file, manifest or token directory that is not what it should be: bad input, named by its path. */
public class TokenFileException extends IllegalArgumentException {

    public TokenFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** For a source that is not a file of its own, e.g. {@code codes.npz:arr_0.npy}, an array in an archive. */
    public TokenFileException(String source, String problem) {
        super(source + ": " + problem);
    }
}
