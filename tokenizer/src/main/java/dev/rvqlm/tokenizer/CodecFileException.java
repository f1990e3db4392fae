package dev.rvqlm.tokenizer;

import java.nio.file.Path;

/** A codec or token file that is not what it should be (wrong kind, truncated, corrupt, mismatched). */
public final class CodecFileException extends IllegalArgumentException {

    public CodecFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
