package dev.rvqlm.tokenizer;

import dev.rvqlm.tokens.TensorFileException;
import java.nio.file.Path;

/**
 * A codec file or learned-codec checkpoint that is not what it should be (wrong kind, mismatched); damage to the
 * file's container (truncated, corrupt, checksum) is reported by its {@link dev.rvqlm.tokens.TensorFile} as a
 * {@link TensorFileException}.
 */
public final class CodecFileException extends TensorFileException {

    public CodecFileException(Path file, String problem) {
        super(file, problem);
    }
}
