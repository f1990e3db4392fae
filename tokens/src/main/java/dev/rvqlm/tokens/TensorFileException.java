package dev.rvqlm.tokens;

import java.nio.file.Path;

/** A {@link TensorFile} (codec file, checkpoint) that is not what it should be: bad input, named by its path. */
public class TensorFileException extends IllegalArgumentException {

    public TensorFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
