package dev.rvqlm.tokens;

import java.nio.file.Path;

/** A token file, manifest or token directory that is not what it should be: bad input, named by its path. */
public class TokenFileException extends IllegalArgumentException {

    public TokenFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
